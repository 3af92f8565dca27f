package org.lavasoftware.deploy.engine.operations.convert

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.adapters.exec.Privilege
import org.lavasoftware.deploy.adapters.exec.ProcessRunner
import org.lavasoftware.deploy.engine.Journal
import org.lavasoftware.deploy.engine.OperationContext
import org.lavasoftware.deploy.engine.OperationLog
import org.lavasoftware.deploy.engine.Plan
import org.lavasoftware.deploy.engine.PlanFacts
import org.lavasoftware.deploy.engine.operations.Revisions
import org.lavasoftware.deploy.engine.operations.upgrade.UpgradeSettings
import org.lavasoftware.deploy.model.InstanceLayout
import org.lavasoftware.deploy.model.InstanceName
import org.lavasoftware.deploy.model.LavaRoot
import org.lavasoftware.deploy.support.LinkSafeTempDir
import org.lavasoftware.deploy.support.TestEngines
import spock.lang.Specification

/**
 * A conversion killed after it wrote lava.cfg, switched to code/current and removed the venv is
 * rebuilt by `recover` as the plan that ran: from the journal's facts and the freeze the first step
 * recorded, without the venv.
 */
class ConvertRecoverySpec extends Specification {
    static final String FREEZE = 'lava-server==2023.1\nlava-pipext==0.2\n-e /srv/src/my-tool\n'

    Path dir = LinkSafeTempDir.create()
    LavaRoot root = new LavaRoot(dir.resolve('root'))
    InstanceName name = InstanceName.of('old')
    InstanceLayout layout = root.instance(name)
    ConvertSettings settings = new ConvertSettings(name, '', false, new UpgradeSettings(name,
            'https://git.example.org/lava.git', 'r2', true, false, 3, 'r2', ConvertSettings.BUILDOUT_CFG))

    def setup() {
        Files.createDirectories(layout.staticFiles())
        Files.createDirectories(layout.dir().resolve('lib/python3.11/site-packages'))
        Files.writeString(layout.configFile(), "LAVA_CONFIG_VERSION='6'\nLAVA_SERVER_BRANCH='https://git.example.org/lava.git'\n")
        Files.writeString(layout.dir().resolve(LegacyAnalysis.FREEZE_FILE), FREEZE)
    }

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "the plan rebuilt once lava.cfg is written and the venv gone is the plan that ran"() {
        given:
        PlanFacts first = PlanFacts.observing()
        Plan planned = new ConvertOperation(settings).plan(context(first))
        Path journal = root.stateDir().resolve('journal/old')
        Journal.begin(journal, ConvertOperation.KIND, settings.parameters(), planned.size(), first).close()

        when: 'the conversion wrote lava.cfg and custom.cfg, switched to r2 and removed the venv before it was killed'
        planned.steps().findAll { it.title().startsWith('record what pip') || it.title().startsWith('describe Debian') ||
                it.title().startsWith('write ') }*.apply()
        Files.createDirectories(layout.codeDir().resolve('r2'))
        new Revisions(layout).switchTo('r2')
        Files.move(layout.staticFiles(), new Revisions(layout).staticOf('none'))
        new Revisions(layout).useStatic('none')
        LinkSafeTempDir.delete(layout.dir().resolve('lib'))
        Plan rebuilt = new ConvertOperation(settings).plan(context(PlanFacts.replaying(Journal.read(journal).get().facts())))

        then:
        Files.readString(layout.dir().resolve('lava.cfg')).contains('[buildout]')
        Files.exists(layout.dir().resolve('custom.cfg'))
        planned.steps()*.title().contains('describe Debian\'s tree in ' + layout.dir().resolve('lava.cfg'))
        planned.steps()*.title().contains('pack what lava.cfg would drop, for an offline build')
        rebuilt.steps()*.title() == planned.steps()*.title()
        rebuilt.steps().find { it.title() == 'switch code/current to r2' }.undoTitle() == 'switch code/current back to none'
        rebuilt.steps().last().isPointOfNoReturn()
    }

    def "a kept file that would not change is not put back, one that would is"() {
        given:
        def state = new ConvertState(dir.resolve('state'))
        Path file = dir.resolve('lava.env')
        Files.writeString(file, 'A=1\n')
        state.keep('env', file)

        expect:
        !state.differs('env', file)

        when:
        Files.writeString(file, 'A=2\n')

        then:
        state.differs('env', file)
        state.restore('env', file)
        !state.differs('env', file)
        !state.differs('never-kept', file)
    }

    private OperationContext context(PlanFacts facts) {
        new OperationContext(root, layout, new ProcessRunner(Privilege.detect(), OperationLog.discard()),
                OperationLog.discard(), new TestEngines.RecordingReporter(), TestEngines.yes(), false, facts)
    }
}
