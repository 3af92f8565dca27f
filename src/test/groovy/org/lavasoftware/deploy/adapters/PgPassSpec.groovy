package org.lavasoftware.deploy.adapters

import org.lavasoftware.deploy.adapters.postgres.PgPass
import spock.lang.Specification

/** The instance's password file, as the tool writes it and reads it back (to read its workers and devices). */
class PgPassSpec extends Specification {
    def "a password written for #user is read back as it was"() {
        given:
        String text = PgPass.line(5432, user, password)

        expect:
        PgPass.password(text, user) == password
        PgPass.password(PgPass.widened(text), user) == password
        PgPass.password(text, 'someone-else') == null

        where:
        user        | password
        'lava-demo' | 'Zx9_-abc'
        'lava-lab'  | 'with:colon'
        'lava-qa'   | 'back\\slash'
    }
}
