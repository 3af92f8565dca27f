package org.lavasoftware.deploy.dsl

import java.lang.reflect.Method

/**
 * The DSL's reference, read from the {@link Primitive} annotations of the code: the shell's
 * {@code help} and the generated docs/dsl-reference.md both come from here.
 */
final class DslReference {
    /** One documented primitive. */
    static final class Entry {
        final String owner
        final String name
        final String signature
        final String summary
        final List<String> params
        final String example
        /** What Tab inserts: the name, with an opening bracket for a method. */
        final String completion

        Entry(String owner, Method method, Primitive doc) {
            this.owner = owner
            this.name = propertyName(method)
            this.completion = name == method.name ? name + '(' : name
            this.signature = signatureOf(owner, method)
            this.summary = doc.value()
            this.params = doc.params().toList()
            this.example = doc.example()
        }
    }

    private DslReference() {
    }

    static List<Entry> scriptPrimitives() {
        entries(LavaScript, 'script')
    }

    static List<Entry> instancePrimitives() {
        entries(InstanceHandle, 'instance')
    }

    static List<Entry> all() {
        scriptPrimitives() + instancePrimitives()
    }

    static Set<String> allNames() {
        all()*.name as TreeSet
    }

    private static List<Entry> entries(Class type, String owner) {
        type.declaredMethods.findAll { it.getAnnotation(Primitive) != null }
                .sort { a, b -> propertyName(a) <=> propertyName(b) ?: a.parameterCount <=> b.parameterCount }
                .collect { new Entry(owner, it, it.getAnnotation(Primitive)) }
    }

    private static String propertyName(Method method) {
        String n = method.name
        if (n.startsWith('get') && n.length() > 3 && method.parameterCount == 0) {
            return n[3].toLowerCase() + n.substring(4)
        }
        n
    }

    private static String signatureOf(String owner, Method method) {
        String prefix = owner == 'instance' ? "instance('NAME')." : ''
        String name = propertyName(method)
        if (name != method.name) {
            return prefix + name
        }
        String params = method.parameters.collect { p ->
            p.type == Closure ? '{ ... }' : p.type.simpleName
        }.join(', ')
        prefix + name + '(' + params + ')'
    }

    /** The reference as plain text, for the shell's {@code help}. */
    static String asText() {
        StringBuilder out = new StringBuilder()
        out << 'DSL primitives (in recipes and in the shell):\n'
        all().each { Entry e ->
            out << "  ${e.signature}\n      ${e.summary}\n      e.g. ${e.example.readLines().join('; ')}\n"
        }
        out.toString()
    }
}
