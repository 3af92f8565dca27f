package org.lavasoftware.deploy.engine.operations

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.adapters.exec.Privilege
import org.lavasoftware.deploy.adapters.exec.ProcessRunner
import org.lavasoftware.deploy.engine.OperationContext
import org.lavasoftware.deploy.engine.OperationLog
import org.lavasoftware.deploy.engine.Plan
import org.lavasoftware.deploy.engine.PlanFacts
import org.lavasoftware.deploy.model.ConfigKey
import org.lavasoftware.deploy.model.InstanceConfig
import org.lavasoftware.deploy.model.InstanceConfigStore
import org.lavasoftware.deploy.model.InstanceName
import org.lavasoftware.deploy.model.LavaRoot
import org.lavasoftware.deploy.support.LinkSafeTempDir
import org.lavasoftware.deploy.support.TestEngines
import spock.lang.Specification

/**
 * What recover rebuilds of an install or a removal killed halfway: the plan that ran, from its
 * journaled facts, whatever the operation had already changed of the machine; and undos that
 * remove only what the operation made. No service is touched: the facts answer what would be asked.
 */
class RecoveryPlansSpec extends Specification {
    Path dir = LinkSafeTempDir.create()
    LavaRoot root = new LavaRoot(dir.resolve('root'))

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    OperationContext context(String name, PlanFacts facts) {
        new OperationContext(root, root.instance(InstanceName.of(name)), new ProcessRunner(Privilege.detect(),
                OperationLog.discard()), OperationLog.discard(), new TestEngines.RecordingReporter(), TestEngines.yes(),
                false, facts)
    }

    static PlanFacts facts(Map<String, String> values) {
        PlanFacts.replaying(values.collectEntries { k, v -> [(k): Optional.ofNullable(v)] } as Map<String, Optional<String>>)
    }

    void instanceConf(String name, Map<ConfigKey, String> values) {
        InstanceName instance = InstanceName.of(name)
        Files.createDirectories(root.instance(instance).dir())
        InstanceConfig config = InstanceConfig.fresh(instance, root.instancesDir().toString())
        values.each { k, v -> config.set(k, v) }
        InstanceConfigStore.save(root.instance(instance), config)
    }

    static List<String> titles(Plan plan) {
        plan.steps()*.title()
    }

    def "a removal killed after its directory went is rebuilt from its facts: the same plan, finished from the database on"() {
        given: 'an instance with a local worker, served at /lab/ on the default site'
        instanceConf('lab', [(ConfigKey.LAVA_WORKER_ENABLED): 'yes', (ConfigKey.LAVA_WORKER_NAME): 'host-lab',
                             (ConfigKey.LAVA_WEB_PORT): '9101', (ConfigKey.LAVA_PUBLISHER_PORT): '8101',
                             (ConfigKey.LAVA_EVENT_PORT): '5601', (ConfigKey.LAVA_WEB_MODE): 'location'])

        when: 'the removal plans, reading instance.conf (what it asks of the service manager given)'
        PlanFacts seen = facts([registered: 'true', 'stopped-programs': 'lava-lab-scheduler', 'worker-linked': 'true'])
        Plan first = new RemoveOperation(InstanceName.of('lab')).plan(context('lab', seen))

        and: 'its last step removed the directory, instance.conf with it, and recover rebuilds the plan'
        Map<String, Optional<String>> journaled = seen.all()
        LinkSafeTempDir.delete(root.instance(InstanceName.of('lab')).dir())
        Plan rebuilt = new RemoveOperation(InstanceName.of('lab')).plan(context('lab', PlanFacts.replaying(journaled)))

        then: 'the facts hold what the plan read, and the plan is the same, step for step'
        journaled.database == Optional.of('lava-lab')
        journaled['system-user'] == Optional.of('lava-lab')
        journaled['worker-name'] == Optional.of('host-lab')
        journaled['web-mode'] == Optional.of('location')
        titles(rebuilt) == titles(first)
        titles(rebuilt) == ['stop and remove the services of lab',
                            "end the local worker's jobs and remove its link in /etc/lava-server/dispatcher.d",
                            'remove Apache site lava-lab', 'drop PostgreSQL database lava-lab',
                            'drop PostgreSQL role lava-lab', 'remove system user lava-lab',
                            'remove ' + root.instance(InstanceName.of('lab')).dir()]

        and: 'the instance leaves Apache before its database goes: past that, recover finishes the removal'
        rebuilt.steps().findAll { it.pointOfNoReturn }*.title() == ['remove Apache site lava-lab']
    }

    def "an install killed halfway keeps the ports it was given, not those a new allocation would give"() {
        given: 'another instance has the first ports; the half-made install wrote the next ones into its instance.conf'
        instanceConf('prod', [(ConfigKey.LAVA_PUBLISHER_PORT): '8101', (ConfigKey.LAVA_EVENT_PORT): '5601',
                              (ConfigKey.LAVA_WEB_PORT): '9101'])
        instanceConf('fresh', [(ConfigKey.LAVA_PUBLISHER_PORT): '8102', (ConfigKey.LAVA_EVENT_PORT): '5602',
                               (ConfigKey.LAVA_WEB_PORT): '9102'])
        def install = new InstallOperation(new InstallSettings(InstanceName.of('fresh'), 'debian:lava-server', null,
                'fresh.example.org', InstallSettings.Https.NONE, null, null, null, true, false))

        when: 'recover rebuilds its plan from the journal'
        Plan plan = install.plan(context('fresh', facts([ports: '8102 5602 9102', 'worker-name': 'host-fresh',
                                                          revision: null])))

        then: 'the instance.conf it would write, and its services, have its own ports and worker'
        String first = plan.steps()[0].details().join('\n')
        first.contains('publisher port 8102, event port 5602, web port 9102')
        plan.steps()*.title().contains('register the local worker host-fresh with the server')
        plan.steps().find { it.title().startsWith('register and start the services') }.details().join('\n')
                .contains('127.0.0.1:9102')
    }

    def "install's undo removes the instance's directory only when the install made it"() {
        given:
        def install = new InstallOperation(new InstallSettings(InstanceName.of('fresh'), 'debian:lava-server', null,
                'fresh.example.org', InstallSettings.Https.NONE, null, null, null, true, false))
        Path instance = Files.createDirectories(root.instance(InstanceName.of('fresh')).dir())
        Files.writeString(instance.resolve('keep'), 'x')
        Map<String, String> journaled = [ports: '8101 5601 9101', 'worker-name': 'host-fresh', revision: null]
        if (made != null) {
            journaled['created-dir'] = made
        }

        when: 'recovery undoes the first step'
        install.plan(context('fresh', facts(journaled))).steps()[0].undo()

        then:
        Files.exists(instance) == kept

        where:
        made    || kept
        null    || true  // killed before the step recorded what it found: it made nothing
        'false' || true  // the directory was there before (someone else's)
        'true'  || false // the install made it
    }

    def "a port allocation is one fact, read back as it was written"() {
        expect:
        PortAllocator.Ports.parse(new PortAllocator.Ports(8104, 5604, 9104).fact()) == new PortAllocator.Ports(8104, 5604, 9104)
    }
}
