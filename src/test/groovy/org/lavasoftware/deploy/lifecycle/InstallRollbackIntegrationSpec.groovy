package org.lavasoftware.deploy.lifecycle

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.engine.operations.LocalWorker
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.FreshCheckout
import org.lavasoftware.deploy.support.MachineState
import spock.lang.Specification

/** An install that fails in the middle leaves nothing behind, and says where it failed. */
class InstallRollbackIntegrationSpec extends Specification {

    def "when migrate cannot write to the database, install names the step and undoes everything before it"() {
        given: 'a set-up root'
        FreshCheckout.prepareMachine()
        Path root = FreshCheckout.openTempDir('ldt-rollback').resolve('srv-lava')
        assert CliRun.run(['--root', root.toString(), '--yes', 'setup']).status == 0
        Path journal = root.resolve('var/lib/lava-deployment-tool/journal/it-broken')

        when: 'the new database is made read-only as soon as the journal records its creation'
        CliRun run = null
        def install = Thread.start {
            run = CliRun.run(['--root', root.toString(), '--yes', 'install', 'it-broken', '--vhost', 'it-broken.test'])
        }
        boolean sabotaged = false
        for (int i = 0; i < 3000 && install.alive && !sabotaged; i++) {
            if (Files.exists(journal) && Files.readAllLines(journal).contains('done\t4')) {
                MachineState.psql('ALTER DATABASE "lava-it-broken" SET default_transaction_read_only = on')
                sabotaged = true
            }
            Thread.sleep(20)
        }
        install.join()

        then: 'the failure names the step, the reason and the log'
        sabotaged
        run.status == 1
        def failed = run.err =~ /install of it-broken failed at step (\d+)\/\d+ 'apply database migrations'/
        failed.find()
        run.err.contains('read-only transaction')
        run.err.contains("the ${(failed.group(1) as int) - 1} steps before it were undone")

        and: 'nothing is left behind'
        !MachineState.userExists('lava-it-broken')
        MachineState.postgresObjects('lava-it-broken').isEmpty()
        !Files.exists(root.resolve('instances/it-broken'))
        !Files.exists(journal)
        !MachineState.apacheSite('lava-it-broken')
        !MachineState.supervisorProgramOf('lava-it-broken')
        !Files.exists(Path.of('/etc/lava-server/dispatcher.d').resolve(LocalWorker.defaultName('it-broken')),
                java.nio.file.LinkOption.NOFOLLOW_LINKS)
    }
}
