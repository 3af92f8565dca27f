package org.lavasoftware.deploy.support

import java.nio.file.Path
import spock.lang.Specification

/** Which instances on a machine a test run may remove as an interrupted earlier run's: only its own. */
class EarlierTestRunsSpec extends Specification {
    def "a test's instance user is recognised by its home in a test's temporary directory"() {
        expect:
        EarlierTestRuns.leftoverOf(line) == expected

        where:
        line                                                                                          || expected
        'lava-it-bk:x:995:994:LAVA instance it-bk:/tmp/ldt-backup1597193084/srv-lava/instances/it-bk:/usr/sbin/nologin' || new Tuple2(Path.of('/tmp/ldt-backup1597193084/srv-lava'), 'it-bk')
        'lava-tg-a:x:990:990:LAVA instance tg-a:/tmp/ldt-toggle123456789/srv-lava/instances/tg-a:/usr/sbin/nologin'      || new Tuple2(Path.of('/tmp/ldt-toggle123456789/srv-lava'), 'tg-a')
        'lava-bench:x:999:995:LAVA instance bench:/tmp/ldt-bench-data/srv-lava/instances/bench:/usr/sbin/nologin'        || null
        'lava-prod:x:998:998:LAVA instance prod:/srv/lava/instances/prod:/usr/sbin/nologin'                              || null
        'alice:x:1000:1000:Alice:/tmp/ldt-backup1597193084/srv-lava/instances/alice:/bin/bash'                          || null
        'lava-other:x:995:994:LAVA instance it-bk:/tmp/ldt-backup1597193084/srv-lava/instances/it-bk:/usr/sbin/nologin' || null
        'lava-x:x:1:1'                                                                                                   || null
    }
}
