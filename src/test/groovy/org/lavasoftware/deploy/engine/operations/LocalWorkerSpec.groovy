package org.lavasoftware.deploy.engine.operations

import spock.lang.Specification

/** What remove hands pkill to end a removed instance's jobs: its paths, matched literally. */
class LocalWorkerSpec extends Specification {
    def "'#path' is matched literally by pkill's extended expressions"() {
        expect:
        LocalWorker.ere(path) == expected
        (path =~ LocalWorker.ere(path)).find()

        where:
        path                                      || expected
        '/var/lib/lava/dispatcher/tmp/demo-'      || '/var/lib/lava/dispatcher/tmp/demo-'
        '/srv/lava/instances/lab.1/tmp/lab.1-'    || '/srv/lava/instances/lab\\.1/tmp/lab\\.1-'
        '/tmp/odd(root)+[x]/a'                    || '/tmp/odd\\(root\\)\\+\\[x\\]/a'
    }
}
