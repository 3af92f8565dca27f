package org.lavasoftware.deploy.jobs

import java.nio.file.Path
import org.lavasoftware.deploy.adapters.lava.WorkerFiles
import org.lavasoftware.deploy.engine.operations.LocalWorker
import org.lavasoftware.deploy.model.InstanceConfig
import org.lavasoftware.deploy.model.InstanceLayout
import org.lavasoftware.deploy.model.InstanceName
import org.lavasoftware.deploy.model.LavaRoot
import org.lavasoftware.deploy.model.WebMode
import org.lavasoftware.deploy.text.Mappers
import spock.lang.Specification

/** What the local worker is given: read by LAVA (dispatcher.yaml, env.yaml), by lava-worker and by people. */
class WorkerFilesSpec extends Specification {
    def layout = new InstanceLayout(new LavaRoot(Path.of('/srv/lava')), InstanceName.of('demo'))

    WorkerFiles files(String serverIp = '', String proxy = '') {
        new WorkerFiles(layout, 'host-demo', 'http://127.0.0.1:9101/', 'http://127.0.0.1:8101/ws/',
                Path.of('usr/lib/python3/dist-packages'), serverIp, proxy)
    }

    def "its settings name the worker and the server's loopback addresses, and no secret"() {
        when:
        String text = files().settingsText()

        then:
        text.contains("WORKER_NAME='host-demo'\n")
        text.contains("URL='http://127.0.0.1:9101/'\n")
        text.contains("WS_URL='http://127.0.0.1:8101/ws/'\n")
        text.contains("PYTHONPATH='/srv/lava/instances/demo/code/current/usr/lib/python3/dist-packages'\n")
        !text.toLowerCase().contains('token=')
    }

    def "dispatcher.yaml gives its jobs the instance's prefix, and LAVA_SERVER_IP as dispatcher_ip: #ip"() {
        when:
        def yaml = Mappers.readYaml(files(ip).dispatcherYaml(), 'dispatcher.yaml')

        then:
        yaml.get('prefix').asText() == 'demo-'
        yaml.has('dispatcher_ip') == (ip != '')
        !ip || yaml.get('dispatcher_ip').asText() == ip

        where:
        ip << ['', '192.0.2.10']
    }

    def "env.yaml puts the instance's lava-run first on the jobs' PATH, and LAVA_PROXY as their proxy"() {
        when:
        def overrides = Mappers.readYaml(files('', proxy).envYaml(), 'env.yaml').get('overrides')

        then:
        overrides.get('PATH').asText().startsWith('/srv/lava/instances/demo/bin:')
        overrides.has('http_proxy') == (proxy != '')
        !proxy || overrides.get('https_proxy').asText() == proxy

        where:
        proxy << ['', 'http://proxy.example.org:3128']
    }

    def "its commands run lava-worker and lava-run from code/current, the token read from its 0600 file"() {
        when:
        String worker = files().workerScriptText()
        String run = files().runScriptText()

        then:
        worker.contains("--token-file '/srv/lava/instances/demo/etc/lava-dispatcher/token'")
        worker.contains("--worker-dir '/srv/lava/instances/demo/var/lib/lava-dispatcher/worker'")
        worker.contains('"$code/usr/bin/lava-worker" "$code/lava/dispatcher/lava-worker"')
        run.contains('"$code/usr/bin/lava-run" "$code/lava/dispatcher/lava-run"')
        !(worker =~ /@[A-Z_]+@/) && !(run =~ /@[A-Z_]+@/)
    }

    def "the worker's URL follows the web mode: under /NAME/ in location mode, where LAVA's MOUNT_POINT is"() {
        given:
        def config = InstanceConfig.fresh(InstanceName.of('demo'), '/srv/lava/instances')
                .set('LAVA_WEB_PORT', '9101').set('LAVA_PUBLISHER_PORT', '8101').set('LAVA_WORKER_NAME', 'host-demo')
        def worker = new LocalWorker(layout, config)

        expect:
        worker.enabled()
        worker.serviceProgram().user() == 'root'
        worker.serviceProgram().keepsJobs()
        worker.files(treeWithLava(), WebMode.VHOST).url() == 'http://127.0.0.1:9101/'
        worker.files(treeWithLava(), WebMode.LOCATION).url() == 'http://127.0.0.1:9101/demo/'
        worker.files(treeWithLava(), WebMode.LOCATION).wsUrl() == 'http://127.0.0.1:8101/ws/'
    }

    def "an instance made before workers, or with --no-worker, runs none"() {
        given:
        def config = InstanceConfig.fresh(InstanceName.of('demo'), '/srv/lava/instances')
                .set('LAVA_WEB_PORT', port).set('LAVA_WORKER_ENABLED', enabled).set('LAVA_WORKER_NAME', name)

        expect:
        new LocalWorker(layout, config).enabled() == expected

        where:
        enabled | port   | name        || expected
        'yes'   | '9101' | 'host-demo' || true
        'no'    | '9101' | ''          || false
        'yes'   | ''     | 'host-demo' || false
    }

    def "the name of a new instance's worker is the machine's short name and the instance's"() {
        expect:
        LocalWorker.defaultName('lab') ==~ /[a-z0-9-]+-lab/
    }

    private static Path treeWithLava() {
        Path tree = java.nio.file.Files.createTempDirectory('ldt-tree')
        java.nio.file.Files.createDirectories(tree.resolve('usr/lib/python3/dist-packages/lava_server'))
        java.nio.file.Files.writeString(tree.resolve('usr/lib/python3/dist-packages/lava_server/__init__.py'), '')
        tree.toFile().deleteOnExit()
        tree
    }
}
