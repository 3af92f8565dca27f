package org.lavasoftware.deploy.dsl

/**
 * Primitives added by extension scripts: script-level ones ({@code primitive('name') { ... }})
 * and instance-level ones ({@code instancePrimitive('name') { ... }}, run with the instance as
 * delegate).
 */
class DslRegistry {
    private final Map<String, Closure> scriptPrimitives = [:]
    private final Map<String, Closure> instancePrimitives = [:]

    void addScriptPrimitive(String name, Closure body) {
        scriptPrimitives[name] = body
    }

    void addInstancePrimitive(String name, Closure body) {
        instancePrimitives[name] = body
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
