package org.lavasoftware.deploy.upgrade

import org.lavasoftware.deploy.engine.operations.upgrade.Migrations
import spock.lang.Specification

class MigrationsSpec extends Specification {

    static final String PLAN = '''\
Planned operations:
lava_results_app.0019_upgradenote
    Create model UpgradeNote
lava_results_app.0020_testsuite_note
    Add field upgrade_note to testsuite
lava_scheduler_app.0060_cleanup
    Remove field old_flag from testjob
    Raw Python operation -> IRREVERSIBLE
'''

    def "migrate --plan is read migration by migration, with their operations"() {
        when:
        def planned = Migrations.parse(PLAN)

        then:
        planned*.migration == ['lava_results_app.0019_upgradenote', 'lava_results_app.0020_testsuite_note',
                               'lava_scheduler_app.0060_cleanup']
        planned*.app() == ['lava_results_app', 'lava_results_app', 'lava_scheduler_app']
        planned*.reversible() == [true, true, false]
        planned*.breaksOldCode() == [false, false, true]
    }

    def "Django says there is nothing to do: no migrations"() {
        expect:
        Migrations.parse('Planned operations:\n  No planned migration operations.\n').isEmpty()
    }

    def "the web keeps serving the old code through '#operation': #breaks"() {
        expect:
        new Migrations.Planned('app.0001_x', [operation]).breaksOldCode() == breaks

        where:
        operation                                                          || breaks
        'Create model UpgradeNote'                                          || false
        'Add field upgrade_note to testsuite'                               || false
        'Create index idx on field(s) name of model device'                 || false
        'Alter field state on testjob'                                      || false
        'Change Meta options on device'                                     || false
        'Raw SQL operation -> SELECT 1'                                     || false
        'Raw Python operation'                                              || false
        'Delete model BugLink'                                              || true
        'Remove field buglink from testcase'                                || true
        'Rename field old on testjob to new'                                || true
        'Rename model Old to New'                                           || true
        'Rename table for device to lava_device'                            || true
    }
}
