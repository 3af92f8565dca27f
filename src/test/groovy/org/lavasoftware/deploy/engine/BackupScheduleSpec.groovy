package org.lavasoftware.deploy.engine

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.engine.operations.schedule.BackupSchedule
import org.lavasoftware.deploy.model.LavaRoot
import org.lavasoftware.deploy.support.LinkSafeTempDir
import org.lavasoftware.deploy.support.TestEngines
import spock.lang.Specification

/** scheduleBackup: the cron file or the systemd timer running the nightly-backup recipe, shown in a dry run. */
class BackupScheduleSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "cron: one line at the given time, as root, running the bundled recipe against the root"() {
        given:
        def engine = TestEngines.on(new LavaRoot(dir.resolve('root')))

        when:
        def result = new BackupSchedule(engine, BackupSchedule.settings([using: 'cron', at: '03:05', keep: 9,
                cronDir: dir.resolve('cron.d').toString()])).apply()
        String text = Files.readString(dir.resolve('cron.d/lava-backup'))

        then:
        result.using == 'cron'
        result.files == [dir.resolve('cron.d/lava-backup').toString()]
        text =~ /(?m)^5 3 \* \* \*  root  \S+\/lava-deployment-tool --root ${dir.resolve('root')} run \S+\/recipes\/nightly-backup\.lava keep=9$/
        Integer.toOctalString(Files.getAttribute(dir.resolve('cron.d/lava-backup'), 'unix:mode') as int & 0777) == '644'
    }

    def "systemd: a oneshot service and a persistent timer; a dry run writes nothing and says what it would write"() {
        given:
        def reporter = new TestEngines.RecordingReporter()
        def engine = TestEngines.on(new LavaRoot(dir.resolve('root')), reporter, true)

        when:
        def result = new BackupSchedule(engine, BackupSchedule.settings([using: 'systemd', systemdDir: dir.resolve('units').toString()])).apply()

        then:
        result.files*.toString() == ['lava-backup.service', 'lava-backup.timer'].collect { dir.resolve("units/${it}").toString() }
        !Files.exists(dir.resolve('units'))
        reporter.events.any { it.contains('OnCalendar=*-*-* 02:30:00') && it.contains('Persistent=true') }
        reporter.events.any { it.contains('ExecStart=') && it.contains('nightly-backup.lava keep=7') }
        reporter.events.any { it.contains('systemctl enable --now lava-backup.timer') }
    }

    def "a time, a keep or a scheduler that does not make sense is refused in one line"() {
        when:
        BackupSchedule.settings(options)

        then:
        def e = thrown(ToolException)
        e.message.contains(expected)

        where:
        options             || expected
        [at: '25:00']       || 'at must be a time HH:MM'
        [keep: 0]           || 'keep must be a number of snapshots'
        [using: 'anacron']  || 'using must be systemd, cron or auto'
        [unit: 'Lava Backup'] || 'unit must be lower-case'
    }
}
