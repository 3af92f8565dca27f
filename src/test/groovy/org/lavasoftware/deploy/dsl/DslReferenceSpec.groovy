package org.lavasoftware.deploy.dsl

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.support.CliRun
import spock.lang.Specification

class DslReferenceSpec extends Specification {

    def "every public method of the DSL classes is a documented primitive, with an example: #owner.#method"() {
        expect:
        documented

        where:
        [owner, method, documented] << undocumented()
    }

    def "the reference text names each primitive with its summary and example"() {
        when:
        def text = DslReference.asText()

        then:
        DslReference.all().every { text.contains(it.signature) && text.contains(it.summary) }
        text.contains("instance('NAME').revision")
    }

    def "docs/dsl-reference.md is what the code generates (regenerate: ./lava-deployment-tool dsl-reference --markdown > docs/dsl-reference.md)"() {
        given:
        Path committed = Path.of('docs/dsl-reference.md')

        expect:
        Files.exists(committed)
        Files.readString(committed) == DslReference.asMarkdown()
    }

    def "the reference has one section per primitive, hooks included, each with its example"() {
        when:
        def markdown = DslReference.asMarkdown()

        then:
        DslReference.all().every { markdown.contains("### `${it.signature}`") && markdown.contains(it.example) }
        markdown.contains('### `beforeUpgrade({ ... })`')
        markdown.contains("### `instance('NAME').verify(String)`")
        DslReference.all()*.signature.toSet().size() == DslReference.all().size()
    }

    def "dsl-reference prints the text the shell's help shows, and --markdown the committed file's"() {
        expect:
        CliRun.run(['dsl-reference']).out == DslReference.asText()
        CliRun.run(['dsl-reference', '--markdown']).out == DslReference.asMarkdown()
    }

    private static List<List> undocumented() {
        def rows = []
        [LavaScript, HookPrimitives, InstanceHandle, InstanceLab].each { Class type ->
            type.declaredMethods.findAll { m ->
                java.lang.reflect.Modifier.isPublic(m.modifiers) && !m.synthetic && !m.name.contains('$') &&
                        !(m.name in ['methodMissing', 'getDslContext', 'setDslContext', 'toString', 'getName',
                                     'getInstanceName', 'getMetaClass', 'run', 'setMetaClass', 'invokeMethod',
                                     'getProperty', 'setProperty'])
            }.each { m ->
                def doc = m.getAnnotation(Primitive)
                rows << [type.simpleName, m.name, doc != null && !doc.value().isBlank() && !doc.example().isBlank()
                        && doc.params().length >= m.parameterCount]
            }
        }
        rows
    }
}
