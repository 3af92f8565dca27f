package org.lavasoftware.deploy.dsl

import java.nio.file.Files
import java.nio.file.Path
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.customizers.ImportCustomizer
import org.lavasoftware.deploy.engine.Engine

/**
 * Compiles and runs DSL code against one engine: recipes ({@code run FILE.lava}), shell lines,
 * and first of all the extension scripts of the dsl directories, which add primitives and hooks.
 * Errors come out as one line naming the file (or shell line) and line number.
 */
class DslRuntime {
    final DslContext context
    /** The hooks the extension scripts register; the engine of this runtime runs them. */
    final DslHooks hooks
    private final GroovyShell shell
    private final Binding binding
    private final Set<String> sourceNames = new LinkedHashSet<>()
    private int shellLines

    DslRuntime(Engine engine, Map<String, String> params, PrintStream out) {
        this.context = new DslContext(engine, params, out)
        this.hooks = new DslHooks(context, sourceNames)
        context.engine = engine.withHooks(hooks)
        this.binding = new Binding()
        params.each { k, v -> binding.setVariable(k, v) }
        binding.setVariable('params', params.asImmutable())
        binding.setVariable('out', out)
        CompilerConfiguration config = new CompilerConfiguration()
        config.scriptBaseClass = LavaScript.name
        config.addCompilationCustomizers(new ImportCustomizer()
                .addImports('java.nio.file.Path', 'java.nio.file.Paths', 'java.time.Duration'))
        this.shell = new GroovyShell(DslRuntime.classLoader, binding, config)
    }

    /** Loads every {@code *.groovy} extension script of the given directories, in order. */
    DslRuntime loadExtensions(List<Path> directories) {
        directories.findAll { Files.isDirectory(it) }.each { Path dir ->
            Files.list(dir).withCloseable { stream ->
                stream.filter { it.fileName.toString().endsWith('.groovy') }.sorted().toList()
            }.each { Path script -> runFile(script) }
        }
        this
    }

    /**
     * The hooks of the extension scripts of {@code directories}, for a face that runs no DSL
     * itself (a classic command): so a site hook applies however the operation was started.
     */
    static DslHooks hooksOf(Engine engine, List<Path> directories, PrintStream out) {
        new DslRuntime(engine, [:], out).loadExtensions(directories).hooks
    }

    /** Runs a file (a recipe or an extension script). */
    Object runFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw org.lavasoftware.deploy.ToolException.badInput("no recipe at ${file}; give the path of a .lava file")
        }
        run(Files.readString(file), file.fileName.toString())
    }

    /** Evaluates one entry of the shell; its line numbers are counted from that entry. */
    Object evaluate(String code) {
        shellLines++
        run(code, "shell${shellLines}.groovy")
    }

    /** Every primitive name a user can call at the top of a script, for completion and help. */
    Set<String> primitiveNames() {
        (DslReference.scriptPrimitives()*.name + context.registry.scriptPrimitiveNames()) as TreeSet
    }

    /** The source name becomes the file name in stack traces, which is how errors find their line. */
    private Object run(String code, String sourceName) {
        sourceNames << sourceName
        LavaScript script
        try {
            GroovyCodeSource source = new GroovyCodeSource(code, sourceName, '/groovy/script')
            source.cachable = false
            script = (LavaScript) shell.parse(source)
        } catch (Throwable e) {
            throw DslErrors.translate(e, sourceName, sourceNames)
        }
        script.dslContext = context
        try {
            script.run()
        } catch (Throwable e) {
            throw DslErrors.translate(e, sourceName, sourceNames)
        }
    }
}
