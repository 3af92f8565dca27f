package org.lavasoftware.deploy.lifecycle

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.FreshCheckout
import org.lavasoftware.deploy.support.InstanceData
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * The bundled recipes run through the real launcher (`run recipes/X.lava key=value`) against real
 * instances: nightly-backup backs up, verifies and prunes, and names an instance that failed;
 * clone-instance makes a neutralized copy holding the original's data; the example hook backs an
 * instance up before the command line removes it.
 */
@Stepwise
class RecipesIntegrationSpec extends Specification {
    @Shared
    Path work = FreshCheckout.openTempDir('ldt-recipes')

    @Shared
    Path root = work.resolve('srv-lava')

    @Shared
    InstanceData source = new InstanceData(root, 'rc-src')

    @Shared
    InstanceData clone = new InstanceData(root, 'rc-cl')

    @Shared
    String mediaChecksum

    def setupSpec() {
        FreshCheckout.dir()
        assert tool('--yes', 'install', 'rc-src', '--vhost', 'rc-src.test').status == 0
        source.django('from django.contrib.auth.models import User; User.objects.create_user("alice", "alice@x.org", "pw")')
        source.addMedia('job-output/2024/05/01/1/output.yaml', '- {"lvl": "target", "msg": "booting"}\n' * 100)
        mediaChecksum = source.mediaChecksum()
    }

    def cleanupSpec() {
        ['rc-cl', 'rc-src', 'rp-prod'].each { tool('--yes', 'remove', it) }
        LinkSafeTempDir.delete(work)
    }

    CliRun tool(String... args) {
        CliRun.run(['--root', root.toString()] + args.toList(), [LAVA_DEPLOYMENT_TOOL_ETC: work.resolve('etc').toString()])
    }

    FreshCheckout.Result recipe(String... args) {
        FreshCheckout.run(['--root', root.toString(), '--yes'] + args.toList(), [LAVA_DEPLOYMENT_TOOL_ETC: work.resolve('etc').toString()])
    }

    List<String> snapshotIds(String name) {
        Path dir = root.resolve("backups/${name}")
        if (!Files.isDirectory(dir)) {
            return []
        }
        Files.list(dir).withCloseable { s -> s.map { it.fileName.toString() }.filter { it ==~ /\d{4}-.*Z(\.\d+)?/ }.sorted().toList() }
    }

    def "nightly-backup in a dry run says what it would do and makes no snapshot"() {
        when:
        def run = recipe('--dry-run', 'run', 'recipes/nightly-backup.lava', 'keep=1')

        then:
        run.status == 0
        run.out.contains('Plan: backup of rc-src')
        run.out.contains('rc-src: would be backed up, verified and pruned to 1')
        snapshotIds('rc-src').isEmpty()
    }

    def "nightly-backup backs up and verifies every running instance, and prunes to keep"() {
        when: 'run on two nights'
        def first = recipe('run', 'recipes/nightly-backup.lava', 'keep=1')
        String firstId = snapshotIds('rc-src').last()
        def second = recipe('run', 'recipes/nightly-backup.lava', 'keep=1')
        def ids = snapshotIds('rc-src')

        then:
        first.status == 0
        first.out.contains("rc-src: ${firstId} verified")
        second.status == 0
        second.out.contains("rc-src: ${ids[0]} verified; pruned ${firstId}")
        ids.size() == 1
        ids[0] != firstId
        tool('verify', 'rc-src', 'latest').status == 0
    }

    def "clone-instance makes a new instance holding the original's data, neutralized, the original untouched"() {
        given:
        def snapshotsBefore = snapshotIds('rc-src')

        when:
        def run = recipe('run', 'recipes/clone-instance.lava', 'from=rc-src', 'to=rc-cl', 'vhost=rc-cl.test')

        then:
        run.status == 0
        run.out.contains("rc-cl: a neutralized copy of rc-src/latest, running at http://rc-cl.test/")
        clone.users().contains('alice')
        clone.mediaChecksum() == mediaChecksum
        source.users().contains('alice')
        snapshotIds('rc-src') == snapshotsBefore
        tool('status', 'rc-src').status == 0
    }

    def "clone-instance refuses a target that exists, changing nothing"() {
        when:
        def run = recipe('run', 'recipes/clone-instance.lava', 'from=rc-src', 'to=rc-cl')

        then:
        run.status == 1
        run.err.readLines().size() == 1
        run.err.startsWith('error: clone-instance.lava:')
        run.err.contains(': rc-cl exists already; a clone makes a new instance (to overwrite rc-cl: restore rc-cl rc-src/latest --stop --neutralize)')
    }

    def "nightly-backup exits 1 naming an instance whose backup failed, after backing up the others"() {
        given: 'the place of rc-cl\'s snapshots taken by a file'
        Files.createDirectories(root.resolve('backups'))
        Files.writeString(root.resolve('backups/rc-cl'), 'not a directory\n')
        def before = snapshotIds('rc-src')

        when:
        def run = recipe('run', 'recipes/nightly-backup.lava', 'keep=2')

        then:
        List<String> errors = run.err.readLines().findAll { it.startsWith('error') }
        run.status == 1
        errors.size() == 1
        errors[0].startsWith('error: nightly-backup.lava:')
        errors[0].contains('the nightly backup failed for rc-cl: rc-cl: backup of rc-cl failed at step 1/4')
        !errors[0].contains('rc-src')
        run.out.contains('rc-src: ')
        snapshotIds('rc-src').size() == before.size() + 1

        cleanup:
        Files.deleteIfExists(root.resolve('backups/rc-cl'))
    }

    def "with the example hook enabled, removing an instance on the command line backs it up first"() {
        given:
        Files.createDirectories(work.resolve('etc/dsl.d'))
        Files.copy(Path.of('dsl-scripts/examples/backup-before-remove.groovy'), work.resolve('etc/dsl.d/backup-before-remove.groovy'))

        when:
        def run = tool('--yes', 'remove', 'rc-cl')

        then:
        run.status == 0
        !Files.exists(root.resolve('instances/rc-cl'))
        snapshotIds('rc-cl').size() == 1
        Files.readString(root.resolve("backups/rc-cl/${snapshotIds('rc-cl')[0]}/manifest.json")).contains('"instance": "rc-cl"')

        cleanup:
        Files.deleteIfExists(work.resolve('etc/dsl.d/backup-before-remove.groovy'))
    }

    /** A copy the instance's user may read, so that the test's check never puts the password in an argument list. */
    Path copyReadable(Path file) {
        Path copy = work.resolve('password-copy')
        Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING)
        Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString('rw-r--r--'))
        copy
    }

    def "production-install installs with HTTPS, pins every version it resolves, makes an administrator, backs up and schedules the nightly backup"() {
        given:
        Path instance = root.resolve('instances/rp-prod')
        InstanceData prod = new InstanceData(root, 'rp-prod')

        when:
        def run = recipe('run', 'recipes/production-install.lava', 'name=rp-prod', 'vhost=rp-prod.test', 'https=yes',
                'keep=5', 'at=03:40', 'schedule=cron', "cron-dir=${work.resolve('cron.d')}")
        String pins = Files.readString(instance.resolve('buildout-production.cfg'))
        Path passwordFile = instance.resolve('admin-password')
        String password = Files.readString(passwordFile).trim()

        then: 'installed, on a build of its revision checked against the pins'
        run.status == 0
        Files.readString(instance.resolve('instance.conf')).contains("LAVA_BUILDOUT_CFG='../../buildout-production.cfg'")
        Files.readString(instance.resolve('instance.conf')).contains("LAVA_HTTPS='yes'")
        Files.readSymbolicLink(instance.resolve('code/current')).toString() ==~ /2023\.01-2\+bo[0-9a-f]+/
        pins.contains('extends = lava.cfg')
        pins =~ /(?m)^lava-server = 2023\.0?1/
        pins =~ /(?m)^lava-scheduler = 2023\.0?1/
        tool('buildout', 'rp-prod').out =~ /pins\s+lava-server = 2023\.0?1\s+buildout-production\.cfg:\d+/

        and: 'an administrator whose password is only in the 0600 file'
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)) == 'rw-------'
        password.length() >= 20
        !run.out.contains(password) && !run.err.contains(password)
        !Files.readString(root.resolve('var/log/lava-deployment-tool/rp-prod.log')).contains(password)
        prod.django("from django.contrib.auth import authenticate; u = authenticate(username='admin', "
                + "password=open('${copyReadable(passwordFile)}').read().strip()); print(u is not None and u.is_superuser)") == 'True'

        and: 'a first snapshot, verified, and the nightly backup in cron'
        snapshotIds('rp-prod').size() == 1
        run.out.contains("first snapshot ${snapshotIds('rp-prod')[0]}, verified")
        Files.readString(work.resolve('cron.d/lava-backup')) =~ /(?m)^40 3 \* \* \*  root  \S+\/lava-deployment-tool --root ${root} run \S+\/recipes\/nightly-backup\.lava keep=5$/
        tool('status', 'rp-prod').status == 0
    }
}
