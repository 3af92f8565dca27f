package org.lavasoftware.deploy.engine.operations.upgrade

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.adapters.exec.Privilege
import org.lavasoftware.deploy.adapters.exec.ProcessRunner
import org.lavasoftware.deploy.engine.Journal
import org.lavasoftware.deploy.engine.OperationContext
import org.lavasoftware.deploy.engine.OperationLog
import org.lavasoftware.deploy.engine.Plan
import org.lavasoftware.deploy.engine.PlanFacts
import org.lavasoftware.deploy.engine.operations.Revisions
import org.lavasoftware.deploy.model.InstanceLayout
import org.lavasoftware.deploy.model.InstanceName
import org.lavasoftware.deploy.model.LavaRoot
import org.lavasoftware.deploy.support.LinkSafeTempDir
import org.lavasoftware.deploy.support.TestEngines
import spock.lang.Specification

/**
 * An upgrade killed after it changed the machine is rebuilt by `recover` from its journal: the same
 * steps, and undos that go back to what the first run saw (issue 15: the undo of the switch took
 * "the revision before" from code/current as it was at recovery, the new one, and deleted it).
 */
class UpgradeRecoverySpec extends Specification {
    static final String CONF = "LAVA_CONFIG_VERSION='5'\nLAVA_SERVER_BRANCH='https://git.example.org/lava.git'\n" +
            "LAVA_DB_PASSWORD='not-in-the-journal'\n"

    Path dir = LinkSafeTempDir.create()
    LavaRoot root = new LavaRoot(dir.resolve('root'))
    InstanceLayout layout = root.instance(InstanceName.of('demo'))
    Revisions revisions = new Revisions(layout)
    UpgradeSettings settings = new UpgradeSettings(InstanceName.of('demo'), 'https://git.example.org/lava.git', 'r2',
            true, false, 3)

    def setup() {
        Files.createDirectories(layout.codeDir().resolve('r1'))
        Files.createSymbolicLink(layout.currentCode(), Path.of('r1'))
        Files.createDirectories(layout.staticFiles())
        Files.writeString(layout.staticFiles().resolve('lava.css'), 'body {}')
        Files.writeString(layout.configFile(), CONF)
    }

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "the plan rebuilt after the code switched is the plan that ran, and its undo goes back to r1"() {
        given: 'the first run plans, and journals what it saw'
        PlanFacts first = PlanFacts.observing()
        Plan planned = new UpgradeOperation(settings).plan(context(first))
        Path journal = root.stateDir().resolve('journal/demo')
        Journal.begin(journal, UpgradeOperation.KIND, settings.parameters(), planned.size(), first).close()

        when: 'it rewrote instance.conf, moved the static files, fetched r2 and switched, and was killed'
        step(planned, 'bring instance.conf up to date').apply()
        step(planned, 'move the static files to one directory per revision').apply()
        Files.createDirectories(revisions.tree('r2'))
        revisions.switchTo('r2')
        revisions.useStatic('r1')
        Plan rebuilt = new UpgradeOperation(settings).plan(context(PlanFacts.replaying(Journal.read(journal).get().facts())))

        then: 'the same steps, switching back to r1'
        rebuilt.steps()*.title() == planned.steps()*.title()
        rebuilt.summary() == 'upgrade of demo from r1 to r2'
        step(rebuilt, 'switch code/current to r2').undoTitle() == 'switch code/current back to r1'
        step(rebuilt, 'switch the static files to r2').undoTitle() == 'switch the static files back to r1'

        and: 'no secret went to the journal'
        !Files.readString(journal).contains('not-in-the-journal')

        when: 'the undo of the fetch runs while code/current still points at r2 (the undo of the switch failed)'
        step(rebuilt, 'fetch revision r2 from git repository https://git.example.org/lava.git').undo()

        then: 'the live revision is not removed'
        thrown(ToolException)
        Files.isDirectory(revisions.tree('r2'))

        when: 'the links go back as the journal says, and the undos of the files run, twice'
        revisions.switchBack('r1', first.text('previous', { null }))
        2.times {
            step(rebuilt, 'fetch revision r2 from git repository https://git.example.org/lava.git').undo()
            step(rebuilt, 'move the static files to one directory per revision').undo()
            step(rebuilt, 'bring instance.conf up to date').undo()
        }

        then: 'everything is as before the upgrade'
        revisions.current() == Optional.of('r1')
        revisions.previous().isEmpty()
        !Files.exists(revisions.tree('r2'))
        Files.isDirectory(layout.staticFiles()) && !Files.isSymbolicLink(layout.staticFiles())
        Files.readString(layout.staticFiles().resolve('lava.css')) == 'body {}'
        Files.readString(layout.configFile()) == CONF
        Files.list(root.stateDir()).toList()*.fileName*.toString() == ['journal']
    }

    def "a plan whose first step never ran has nothing to undo there"() {
        given:
        Plan planned = new UpgradeOperation(settings).plan(context(PlanFacts.observing()))

        when: 'the undos of steps killed before they did anything'
        step(planned, 'bring instance.conf up to date').undo()
        step(planned, 'move the static files to one directory per revision').undo()
        step(planned, 'fetch revision r2 from git repository https://git.example.org/lava.git').undo()

        then:
        Files.readString(layout.configFile()) == CONF
        Files.isDirectory(layout.staticFiles()) && !Files.isSymbolicLink(layout.staticFiles())
        revisions.current() == Optional.of('r1')
    }

    def "a static directory moved but not linked yet (killed in between) is moved back"() {
        given:
        Plan planned = new UpgradeOperation(settings).plan(context(PlanFacts.observing()))
        Files.move(layout.staticFiles(), revisions.staticOf('r1'))

        when:
        step(planned, 'move the static files to one directory per revision').undo()

        then:
        Files.readString(layout.staticFiles().resolve('lava.css')) == 'body {}'
        !Files.exists(revisions.staticOf('r1'))
    }

    def "instance.conf is kept private beside the journals while the upgrade runs"() {
        given:
        Plan planned = new UpgradeOperation(settings).plan(context(PlanFacts.observing()))

        when:
        step(planned, 'bring instance.conf up to date').apply()
        Path kept = root.stateDir().resolve('upgrade-demo.instance.conf')

        then:
        Files.readString(kept) == CONF
        PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)) == 'rw-------'
        Files.readString(layout.configFile()) != CONF
    }

    def "a revision fetched half-way is removed with its partial directory"() {
        given:
        Plan planned = new UpgradeOperation(settings).plan(context(PlanFacts.observing()))
        Files.createDirectories(layout.codeDir().resolve('.r2.partial/lava_server'))

        when:
        step(planned, 'fetch revision r2 from git repository https://git.example.org/lava.git').undo()

        then:
        Files.list(layout.codeDir()).toList()*.fileName*.toString().sort() == ['current', 'r1']
    }

    def "the migrations' record stays while their undo is pending, and their undo is nothing before they ran"() {
        given:
        def state = new UpgradeOperation.MigrationState(dir.resolve('upgrade-demo.migrations'))
        state.record([], ['lava_scheduler_app.0001_initial'] as Set)

        when: 'the migrations were never started'
        state.undo(null, null, 'r2', 'lavademo', 'lavademo-pre-upgrade')
        state.forgetUnlessApplying()

        then:
        !Files.exists(dir.resolve('upgrade-demo.migrations'))

        when: 'they were started, and their undo has not succeeded'
        state = new UpgradeOperation.MigrationState(dir.resolve('upgrade-demo.migrations'))
        state.record([], ['lava_scheduler_app.0001_initial'] as Set)
        state.markApplying()
        state.forgetUnlessApplying()

        then: 'the undo of the check keeps what a recovery run again needs'
        state.applying()
        Files.exists(dir.resolve('upgrade-demo.migrations'))

        when: 'the upgrade is done'
        state.forget()

        then:
        !state.applying()
        !Files.exists(dir.resolve('upgrade-demo.migrations'))
    }

    def "a rollback rebuilt from its journal asks neither the links nor the database, and is kept once it answers"() {
        given: 'a rollback from r2 to r1 that switched the code before it was killed'
        Files.createDirectories(revisions.tree('r2'))
        revisions.switchTo('r2')
        revisions.switchTo('r1')
        def facts = PlanFacts.replaying([from: Optional.of('r2'), previous: Optional.of('r1'),
                'static-from': Optional.of('r2'), 'undo-targets': Optional.of('lava_results_app 0019_upgradenote'),
                'undone-migrations': Optional.of('lava_results_app.0020_testsuite_note')])

        when:
        Plan plan = new RollbackOperation(InstanceName.of('demo'), 'r1').plan(context(facts))

        then:
        plan.summary() == 'rollback of demo from r2 to r1'
        plan.steps()*.title() == ['stop the scheduler', 'undo the migrations r1 does not have', 'switch code/current to r1',
                                  'switch the static files to r1', 'start the scheduler and the publisher on r1',
                                  'check r1 through Apache']
        plan.steps()[1].details() == ['undo lava_results_app.0020_testsuite_note']
        step(plan, 'switch code/current to r1').undoTitle() == 'switch code/current back to r2'
        plan.steps()*.isPointOfNoReturn() == [false, false, false, false, false, true]
    }

    def "an instance.conf that was not there before the rewrite is taken away by its undo"() {
        given:
        Path config = dir.resolve('conf/instance.conf')
        def kept = new ConfigSidecar(config, dir.resolve('state/upgrade-x.instance.conf'))

        when:
        kept.keep()
        Files.createDirectories(config.parent)
        Files.writeString(config, 'LAVA_DB_PASSWORD=x\n')
        kept.restore()
        kept.restore()

        then:
        !Files.exists(config)
        Files.list(dir.resolve('state')).toList().isEmpty()
    }

    private OperationContext context(PlanFacts facts) {
        new OperationContext(root, layout, new ProcessRunner(Privilege.detect(), OperationLog.discard()),
                OperationLog.discard(), new TestEngines.RecordingReporter(), TestEngines.yes(), false, facts)
    }

    private static org.lavasoftware.deploy.engine.Step step(Plan plan, String title) {
        def found = plan.steps().find { it.title() == title }
        assert found != null, "no step '${title}' in ${plan.steps()*.title()}"
        found
    }
}
