package org.lavasoftware.deploy.dsl

import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.engine.Engine
import org.lavasoftware.deploy.engine.Operation
import org.lavasoftware.deploy.engine.OperationHooks

/**
 * Runs the hooks that extension scripts registered ({@code beforeUpgrade { backup() }}) around the
 * engine's operations, with the operation's instance as their subject. The engine calls them for
 * every face (command line, shell, recipes), so a site hook applies whichever one is used.
 */
class DslHooks implements OperationHooks {
    /** Operations started by a hook do not run hooks: {@code beforeBackup { backup() }} must not loop. */
    private static final ThreadLocal<Boolean> IN_HOOK = ThreadLocal.withInitial { false }

    private final DslContext context
    private final Set<String> sourceNames

    DslHooks(DslContext context, Set<String> sourceNames) {
        this.context = context
        this.sourceNames = sourceNames
    }

    @Override
    void before(Operation operation, Engine engine) {
        run('before', operation, engine, "the ${operation.kind()} of ${operation.instance()} was not started")
    }

    @Override
    void after(Operation operation, Engine engine) {
        run('after', operation, engine, "the ${operation.kind()} of ${operation.instance()} itself was done")
    }

    /** One hook at a time (backup --all runs operations on two threads; the context is shared). */
    private synchronized void run(String when, Operation operation, Engine engine, String consequence) {
        List<Closure> hooks = context.registry.hooks(when, operation.kind())
        if (hooks.isEmpty() || operation.instance() == null || IN_HOOK.get()) {
            return
        }
        String name = when + operation.kind().capitalize()
        Engine saved = context.engine
        IN_HOOK.set(true)
        // the hook acts through the engine running the operation: a dry run stays a dry run
        context.engine = engine
        try {
            InstanceHandle subject = new InstanceHandle(context, operation.instance())
            hooks.each { DslRegistry.invoke(it, subject, it.maximumNumberOfParameters == 0 ? [] as Object[] : [subject] as Object[]) }
        } catch (Throwable e) {
            ToolException translated = DslErrors.translate(e, "an extension script", sourceNames)
            throw new ToolException(translated.status(), "${name} hook: ${translated.message}; ${consequence}", e)
        } finally {
            context.engine = saved
            IN_HOOK.set(false)
        }
    }
}
