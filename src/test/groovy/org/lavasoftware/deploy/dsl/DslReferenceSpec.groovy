package org.lavasoftware.deploy.dsl

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

    private static List<List> undocumented() {
        def rows = []
        [LavaScript, InstanceHandle].each { Class type ->
            type.declaredMethods.findAll { m ->
                java.lang.reflect.Modifier.isPublic(m.modifiers) && !m.synthetic && !m.name.contains('$') &&
                        !(m.name in ['methodMissing', 'getDslContext', 'setDslContext', 'toString', 'getName',
                                     'getInstanceName', 'getMetaClass', 'setMetaClass', 'invokeMethod',
                                     'getProperty', 'setProperty'])
            }.each { m ->
                def doc = m.getAnnotation(Primitive)
                rows << [type.simpleName, m.name, doc != null && !doc.value().isBlank() && !doc.example().isBlank()]
            }
        }
        rows
    }
}
