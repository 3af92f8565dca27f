package org.lavasoftware.deploy.dsl

/**
 * Primitives added by extension scripts: script-level ones ({@code primitive('name') { ... }})
 * and instance-level ones ({@code instancePrimitive('name') { ... }}, run with the instance as
 * delegate), and hooks around operations ({@code beforeUpgrade { ... }}, run by {@link DslHooks}).
 */
class DslRegistry {
    private final Map<String, Closure> scriptPrimitives = [:]
    private final Map<String, Closure> instancePrimitives = [:]
    /** 'before upgrade' -> the hooks, in the order the scripts registered them. */
    private final Map<String, List<Closure>> hooks = [:]

    /** The operations hooks can be put around: the kinds of the engine's operations on an instance. */
    static final List<String> HOOKED_KINDS = ['install', 'upgrade', 'backup', 'restore', 'toggle', 'remove'].asImmutable()

    void addScriptPrimitive(String name, Closure body) {
        scriptPrimitives[name] = body
    }

    void addInstancePrimitive(String name, Closure body) {
        instancePrimitives[name] = body
    }

    void addHook(String when, String kind, Closure body) {
        hooks.computeIfAbsent("${when} ${kind}".toString()) { [] } << body
    }

    List<Closure> hooks(String when, String kind) {
        (hooks["${when} ${kind}".toString()] ?: []).asImmutable()
    }

    Closure scriptPrimitive(String name) {
        scriptPrimitives[name]
    }

    Closure instancePrimitive(String name) {
        instancePrimitives[name]
    }

    Set<String> scriptPrimitiveNames() {
        scriptPrimitives.keySet().asImmutable()
    }

    Set<String> instancePrimitiveNames() {
        instancePrimitives.keySet().asImmutable()
    }

    /** Calls an extension primitive with {@code delegate} as the closure's delegate. */
    static Object invoke(Closure body, Object delegate, Object args) {
        Closure copy = (Closure) body.clone()
        copy.delegate = delegate
        copy.resolveStrategy = Closure.DELEGATE_FIRST
        Object[] argv = args instanceof Object[] ? (Object[]) args : [args] as Object[]
        copy.call(*argv)
    }
}
