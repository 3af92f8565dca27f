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
        entries([LavaScript], 'script') + entries([HookPrimitives], 'hook')
    }

    static List<Entry> instancePrimitives() {
        entries([InstanceHandle, InstanceLab], 'instance')
    }

    static List<Entry> all() {
        scriptPrimitives() + instancePrimitives()
    }

    /**
     * Groovy's default arguments repeat a method with its annotation (backup() and backup(Map)):
     * one entry each, the one with every parameter (the last, as entries are sorted).
     */
    private static List<Entry> distinct(List<Entry> entries) {
        Map<String, Entry> kept = new LinkedHashMap<>()
        entries.each { kept["${it.name} ${it.summary}".toString()] = it }
        kept.values().toList()
    }

    static Set<String> allNames() {
        all()*.name as TreeSet
    }

    private static List<Entry> entries(List<Class> types, String owner) {
        distinct(types.collectMany { it.declaredMethods.toList() }.findAll { it.getAnnotation(Primitive) != null }
                .sort { a, b -> propertyName(a) <=> propertyName(b) ?: a.parameterCount <=> b.parameterCount }
                .collect { new Entry(owner, it, it.getAnnotation(Primitive)) })
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

    /**
     * The reference as Markdown: docs/dsl-reference.md is this text, written by
     * {@code lava-deployment-tool dsl-reference --markdown}; a spec fails when the two differ.
     */
    static String asMarkdown() {
        StringBuilder out = new StringBuilder()
        out << '# DSL reference\n\n'
        out << 'Generated from the code (the `@Primitive` documentation of each method) by\n'
        out << '`./lava-deployment-tool dsl-reference --markdown > docs/dsl-reference.md`: do not edit it by hand;\n'
        out << '`DslReferenceSpec` fails when it differs from what the code generates. The shell\'s `help` and\n'
        out << '`./lava-deployment-tool dsl-reference` show the same text. Recipes and the shell use these\n'
        out << 'primitives; extension scripts in `dsl-scripts/` add their own (see its README).\n'
        [script: 'Primitives of recipes and the shell', instance: "Primitives of an instance: `instance('NAME').X`, or `X` inside `instance('NAME') { }`",
         hook: 'Hooks, for extension scripts: run by every face around operations on an instance'].each { owner, title ->
            out << "\n## ${title}\n"
            all().findAll { it.owner == owner }.each { Entry e ->
                out << "\n### `${e.signature}`\n\n${e.summary}\n"
                if (e.params) {
                    out << '\n' << e.params.collect { p -> "- ${p}\n" }.join('')
                }
                out << '\n```groovy\n' << e.example << '\n```\n'
            }
        }
        out.toString()
    }
}
