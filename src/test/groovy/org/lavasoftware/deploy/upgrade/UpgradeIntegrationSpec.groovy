package org.lavasoftware.deploy.upgrade

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.FreshCheckout
import org.lavasoftware.deploy.support.InstanceData
import org.lavasoftware.deploy.support.KillPoints
import org.lavasoftware.deploy.support.MachineState
import org.lavasoftware.deploy.support.PagePoller
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * Upgrades from a git repository built here from the real LAVA code: r1 the 2023.01 release laid
 * out as LAVA's repository has it (tagged 2023.01), r2 a reversible migration, r3 a migration that
 * fails after an additive one.
 */
@Stepwise
class UpgradeIntegrationSpec extends Specification {
    @Shared
    Path work = FreshCheckout.openTempDir('ldt-upgrade')

    @Shared
    Path root = work.resolve('srv-lava')

    @Shared
    Path repo = work.resolve('lava.git-work')

    @Shared
    InstanceData git = new InstanceData(root, 'it-up')

    def setupSpec() {
        FreshCheckout.dir()
        assert tool([:], '--yes', 'install', 'it-deb', '--vhost', 'it-deb.test').status == 0
        buildRepository(root.resolve('instances/it-deb/code/current'))
    }

    def cleanupSpec() {
        ['it-deb', 'it-up', 'it-bzr'].each { tool([:], '--yes', 'remove', it) }
    }

    CliRun tool(Map<String, String> env, String... args) {
        CliRun.run(['--root', root.toString()] + args.toList(), env)
    }

    def "the Debian source upgraded to the version it runs does nothing, and says so"() {
        when:
        def run = tool([:], '--yes', 'upgrade', 'it-deb')

        then:
        run.status == 0
        run.err.contains('instance it-deb is already on revision 2023.01-2')
        run.err.contains('nothing to do')
        Files.list(root.resolve('instances/it-deb/code')).count() == 2 // the release and current
    }

    def "an instance installs from a git repository at a revno; LAVA reports the tag's version"() {
        when:
        def run = tool([LAVA_SERVER_BRANCH: repo.toString()], '--yes', 'install', 'it-up', 'r1', '--vhost', 'it-up.test')

        then:
        run.status == 0
        Files.readSymbolicLink(root.resolve('instances/it-up/code/current')).toString() == 'r1'
        Files.readString(root.resolve('instances/it-up/code/r1/lava_common/VERSION')).trim() == '2023.01'
        page().contains('2023.01')
        tool([:], '--json', 'list').out.contains('"name":"it-up","mode":"vhost","state":"running","revision":"r1"')
    }

    def "--dry-run shows the migrations an upgrade would run and whether each can be undone"() {
        when:
        def run = tool([:], '--dry-run', 'upgrade', 'it-up', 'r3')

        then:
        run.status == 0
        run.out.contains('lava_results_app.0019_upgradenote, reversible')
        run.out.contains('lava_results_app.0020_testsuite_note, reversible')
        run.out.contains('lava_results_app.0021_broken, reversible')
        !Files.exists(root.resolve('instances/it-up/code/r3'))
    }

    def "upgrade to r2 applies its migration while the page keeps answering"() {
        given:
        git.django('from django.contrib.auth.models import User; User.objects.create_user("alice")')
        def poller = new PagePoller('it-up.test')

        when:
        def run = tool([:], '--yes', 'upgrade', 'it-up', 'r2')
        def answers = poller.stop()

        then:
        run.status == 0
        answers.size() > 20
        answers.every { it == 200 }
        git.sql("SELECT name FROM django_migrations WHERE app = 'lava_results_app' ORDER BY id DESC LIMIT 1") == ['0019_upgradenote']
        page().contains('2023.01.0001.g')
        root.resolve('backups/it-up/latest').toFile().exists()
    }

    def "upgrade to r3 fails in a migration: the instance is back on r2, its data unchanged, serving throughout"() {
        given:
        git.sql("INSERT INTO lava_results_app_upgradenote(text) VALUES ('written on r2') RETURNING id")
        def poller = new PagePoller('it-up.test')

        when:
        def run = tool([:], '--yes', 'upgrade', 'it-up', 'r3')
        def answers = poller.stop()

        then:
        run.status == 1
        run.err.contains("failed at step")
        run.err.contains("'apply the migrations of r3'")
        run.err.contains('division by zero')
        answers.every { it == 200 }
        Files.readSymbolicLink(root.resolve('instances/it-up/code/current')).toString() == 'r2'
        Files.readSymbolicLink(root.resolve('instances/it-up/var/www/lava-server/static')).toString() == 'static-r2'
        !Files.exists(root.resolve('instances/it-up/code/r3'))

        and: 'the additive migration r3 had applied is undone, and the data is as it was'
        git.sql("SELECT name FROM django_migrations WHERE app = 'lava_results_app' ORDER BY id DESC LIMIT 1") == ['0019_upgradenote']
        git.sql("SELECT count(*) FROM information_schema.columns WHERE column_name = 'upgrade_note'") == ['0']
        git.sql('SELECT text FROM lava_results_app_upgradenote') == ['written on r2']
        git.users() == ['alice', 'lava-health']
    }

    def "rollback returns to r1, reversing r2's migration and keeping the data"() {
        when:
        def refused = tool([:], 'rollback', 'it-up')
        def run = tool([:], '--yes', 'rollback', 'it-up')

        then:
        refused.status == 2
        refused.err.contains('pass --yes')
        run.status == 0
        Files.readSymbolicLink(root.resolve('instances/it-up/code/current')).toString() == 'r1'
        git.sql("SELECT count(*) FROM information_schema.tables WHERE table_name = 'lava_results_app_upgradenote'") == ['0']
        git.users() == ['alice', 'lava-health']
        page().contains('2023.01')
    }

    def "an upgrade killed at every step boundary is recovered to r1, or past its check to r2; never a mix"() {
        given:
        KillPoints kills = new KillPoints(root)
        List<String> upgrade = ['--yes', 'upgrade', 'it-up', 'r2', '--no-backup']
        KillPoints.KillPlan plan = kills.plan(upgrade)
        List<Integer> boundaries = plan.sample(['stop the scheduler', 'apply the migrations', 'switch code/current',
                'switch the static files', 'start the scheduler'])

        expect:
        plan.noReturn > 0
        boundaries.each { int step ->
            String what = kills.killAt('upgrade', plan, step, upgrade)
            def recover = kills.recover('it-up')
            assert recover.status == 0: "${what}: ${recover}"
            String revision = plan.finishes(step) ? 'r2' : 'r1'
            assert onRevision(revision): "${what}: ${recover}"
            assert kills.recover('it-up').status == 2: what
            assert MachineState.postgresObjects('lava-it-up-pre-upgrade').isEmpty(): what
            assert KillPoints.halfWritten(root.resolve('instances/it-up')).isEmpty(): what
            if (revision == 'r2') {
                assert tool([:], '--yes', 'rollback', 'it-up').status == 0: what
            }
        }
    }

    def "a rollback killed at every step boundary is recovered to r2 or finished on r1"() {
        given:
        assert tool([:], '--yes', 'upgrade', 'it-up', 'r2', '--no-backup').status == 0
        KillPoints kills = new KillPoints(root)
        List<String> rollback = ['--yes', 'rollback', 'it-up']
        KillPoints.KillPlan plan = kills.plan(rollback)

        expect:
        plan.sample(['switch code/current']).each { int step ->
            String what = kills.killAt('rollback', plan, step, rollback)
            def recover = kills.recover('it-up')
            assert recover.status == 0: "${what}: ${recover}"
            String revision = plan.finishes(step) ? 'r1' : 'r2'
            assert onRevision(revision): "${what}: ${recover}"
            assert kills.recover('it-up').status == 2: what
            if (revision == 'r1') {
                assert tool([:], '--yes', 'upgrade', 'it-up', 'r2', '--no-backup').status == 0: what
            }
        }
        tool([:], '--yes', 'rollback', 'it-up').status == 0
        onRevision('r1')
    }

    /** The instance runs {@code revision} wholly: code, static files, migrations, its page; its data kept. */
    boolean onRevision(String revision) {
        Path code = root.resolve('instances/it-up/code')
        assert Files.readSymbolicLink(code.resolve('current')).toString() == revision
        assert Files.isDirectory(code.resolve(revision))
        ['current', 'previous'].each { link ->
            assert !Files.isSymbolicLink(code.resolve(link)) || Files.isDirectory(code.resolve(link)): "${link} dangles"
        }
        assert Files.readSymbolicLink(root.resolve('instances/it-up/var/www/lava-server/static')).toString() == "static-${revision}"
        String upgradeNotes = git.sql("SELECT count(*) FROM information_schema.tables WHERE table_name = 'lava_results_app_upgradenote'")[0]
        assert upgradeNotes == (revision == 'r2' ? '1' : '0')
        assert git.users() == ['alice', 'lava-health']
        def status = tool([:], '--json', 'status', 'it-up')
        assert status.status == 0 && status.out.contains('"http":200'): status.out
        true
    }

    def "an unknown revision is refused before anything changes"() {
        when:
        def run = tool([:], '--yes', 'upgrade', 'it-up', 'r99')

        then:
        run.status == 2
        run.err.contains('there is no 99')
        Files.readSymbolicLink(root.resolve('instances/it-up/code/current')).toString() == 'r1'
    }

    def "a Bazaar branch installs at a revno"() {
        given: 'a branch made with brz from the same code'
        Path branch = work.resolve('lava-bzr')
        assert MachineState.run('brz', 'init', '-q', branch.toString()).status == 0
        MachineState.run('bash', '-c', "cd ${repo} && git archive r1-tag | tar -x -C ${branch}".toString())
        assert MachineState.run('brz', 'add', '-q', branch.toString()).status == 0
        assert MachineState.run('env', 'BRZ_EMAIL=spec <spec@example.org>', 'brz', 'commit', '-q', '-m', 'LAVA 2023.01',
                branch.toString()).status == 0
        Files.writeString(branch.resolve('NOTES'), 'revision 2\n')
        MachineState.run('brz', 'add', '-q', branch.resolve('NOTES').toString())
        assert MachineState.run('env', 'BRZ_EMAIL=spec <spec@example.org>', 'brz', 'commit', '-q', '-m', 'two',
                branch.toString()).status == 0

        when:
        def run = tool([LAVA_SERVER_BRANCH: branch.toString()], '--yes', 'install', 'it-bzr', '1', '--vhost', 'it-bzr.test')

        then:
        run.status == 0
        Files.readSymbolicLink(root.resolve('instances/it-bzr/code/current')).toString() == 'r1'
        !Files.exists(root.resolve('instances/it-bzr/code/r1/NOTES'))
        MachineState.run('curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '--resolve', 'it-bzr.test:80:127.0.0.1',
                'http://it-bzr.test/').out == '200'
    }

    private static String page() {
        MachineState.run('curl', '-s', '--resolve', 'it-up.test:80:127.0.0.1', 'http://it-up.test/').out
    }

    /** The repository bench/fixtures/make-lava-git-repo builds from the release (shared with bench/upgrade). */
    private void buildRepository(Path release) {
        def r = MachineState.run(FreshCheckout.basedir().resolve('bench/fixtures/make-lava-git-repo').toString(),
                release.toRealPath().toString(), repo.toString())
        assert r.status == 0: r.out
    }
}
