package org.lavasoftware.deploy.adapters

import org.lavasoftware.deploy.adapters.services.Supervisor
import spock.lang.Specification

/** supervisorctl calls starting a running program an error; a recovery starting again what ran is not one. */
class SupervisorStartSpec extends Specification {

    def "supervisorctl's output '#output' is #verdict"() {
        expect:
        Supervisor.onlyAlreadyStarted(output) == (verdict == 'a program already started')

        where:
        output                                                                           || verdict
        'lava-a:lava-a-scheduler: ERROR (already started)\n'                            || 'a program already started'
        'lava-a:lava-a-scheduler: ERROR (already started)\nlava-a:lava-a-web: started\n' || 'a program already started'
        'lava-a:lava-a-scheduler: ERROR (spawn error)\n'                                 || 'a failure'
        'lava-a:x: ERROR (already started)\nlava-a:y: ERROR (no such process)\n'         || 'a failure'
        'unix:///var/run/supervisor.sock no such file\n'                                 || 'a failure'
        ''                                                                               || 'a failure'
    }
}
