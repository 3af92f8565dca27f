package org.lavasoftware.deploy.adapters.lava

import spock.lang.Specification

/** What the API client hands curl on its standard input: every value quoted as curl's config files quote. */
class LavaApiSpec extends Specification {
    def "a value survives curl's configuration syntax: #what"() {
        expect:
        LavaApi.quoted(value) == quoted

        where:
        what                | value                          || quoted
        'a plain header'    | 'Authorization: Token abc'     || '"Authorization: Token abc"'
        'quotes'            | '{"definition": "x"}'          || '"{\\"definition\\": \\"x\\"}"'
        'backslashes'       | 'a\\b'                         || '"a\\\\b"'
        'newlines and tabs' | 'line 1\nline\t2\r'            || '"line 1\\nline\\t2\\r"'
    }
}
