package org.lavasoftware.deploy.adapters

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.adapters.apache.ApacheSite
import org.lavasoftware.deploy.adapters.apache.SiteSpec
import org.lavasoftware.deploy.adapters.exec.Privilege
import org.lavasoftware.deploy.adapters.exec.ProcessRunner
import org.lavasoftware.deploy.adapters.services.ServiceProgram
import org.lavasoftware.deploy.adapters.services.Supervisor
import org.lavasoftware.deploy.adapters.services.Systemd
import org.lavasoftware.deploy.engine.OperationLog
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

/** What the tool writes for Apache, supervisord and systemd: read by people, so read here too. */
class ServiceDefinitionsSpec extends Specification {
    def programs = [new ServiceProgram('lava-demo-web', ['/srv/lava/instances/demo/bin/lava-env', '/usr/bin/gunicorn3', 'lava_server.wsgi', '--bind', 'unix:/srv/lava/instances/demo/run/gunicorn.sock'],
            'lava-demo', Path.of('/srv/lava/instances/demo'), 35, Path.of('/srv/lava/instances/demo/var/log/gunicorn.out')),
                    new ServiceProgram('lava-demo-publisher', ['/srv/lava/instances/demo/bin/lava-server', 'manage', 'lava-publisher', '--port', '8101'],
            'lava-demo', Path.of('/srv/lava/instances/demo'), 15, Path.of('/srv/lava/instances/demo/var/log/lava-publisher.out'))]
    def runner = new ProcessRunner(Privilege.detect(), OperationLog.discard())
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "supervisord gets one group per instance, programs as the instance's user, nothing secret"() {
        when:
        String conf = new Supervisor(runner).render('lava-demo', programs)

        then:
        conf.contains('[group:lava-demo]\nprograms=lava-demo-web,lava-demo-publisher\n')
        conf.contains('[program:lava-demo-web]\ncommand=/srv/lava/instances/demo/bin/lava-env /usr/bin/gunicorn3 lava_server.wsgi --bind unix:/srv/lava/instances/demo/run/gunicorn.sock\n')
        conf.contains('user=lava-demo\n')
        conf.contains('stopwaitsecs=35\n')
        !conf.contains('environment=') && !conf.contains('SECRET_KEY') && !conf.contains('DATABASE_URL')
    }

    def "a % in a command is doubled, as supervisord's format strings need"() {
        given:
        def p = new ServiceProgram('x', ['/bin/echo', '100%'], 'u', Path.of('/'), 1, Path.of('/tmp/x'))

        expect:
        new Supervisor(runner).render('g', [p]).contains('command=/bin/echo 100%%\n')
    }

    def "the directories of the programs the tool registered are read back from its definitions, not from others'"() {
        given:
        Path supervisorDir = Files.createDirectory(dir.resolve('conf.d'))
        Path unitDir = Files.createDirectory(dir.resolve('system'))
        Files.writeString(supervisorDir.resolve('lava-demo.conf'), new Supervisor(runner).render('lava-demo', programs))
        Files.writeString(supervisorDir.resolve('other.conf'), '[program:other]\ndirectory=/opt/other\n')
        Files.writeString(unitDir.resolve('lava-demo-web.service'), Systemd.renderService('lava-demo', programs[0]))
        Files.writeString(unitDir.resolve('other.service'), '[Service]\nWorkingDirectory=/opt/other\n')

        expect:
        Supervisor.directoriesIn(supervisorDir) == [Path.of('/srv/lava/instances/demo')]
        Systemd.directoriesIn(unitDir) == [Path.of('/srv/lava/instances/demo')]
        Supervisor.directoriesIn(supervisorDir.resolve('missing')) == []
    }

    def "systemd gets a target grouping one service per program, each restarted on failure and reloadable"() {
        when:
        String target = Systemd.renderTarget('lava-demo', programs)
        String service = Systemd.renderService('lava-demo', programs[0])

        then:
        target.contains('Wants=lava-demo-web.service lava-demo-publisher.service\n')
        target.contains('WantedBy=multi-user.target')
        service.contains('PartOf=lava-demo.target\n')
        service.contains('User=lava-demo\n')
        service.contains('ExecStart=/srv/lava/instances/demo/bin/lava-env /usr/bin/gunicorn3 lava_server.wsgi')
        service.contains('ExecReload=/bin/kill -HUP $MAINPID\n')
        service.contains('Restart=on-failure\n')
        service.contains('TimeoutStopSec=35\n')
    }

    def "an HTTP site proxies to gunicorn's socket and serves static files and docs itself"() {
        given:
        def spec = new SiteSpec('demo', 'demo.example.org', Path.of('/i/static'), Path.of('/i/docs'), Path.of('/i/run/gunicorn.sock'), 8101, null, null)

        when:
        String site = ApacheSite.render(spec)

        then:
        site.startsWith('# written by lava-deployment-tool for instance demo (HTTP)\n<VirtualHost *:80>\n    ServerName demo.example.org\n')
        site.contains('    Alias /static/ /i/static/\n')
        site.contains('    ProxyPass /static/ !\n')
        site.contains('    ProxyPass /ws/ ws://127.0.0.1:8101/ws/\n')
        site.contains('    ProxyPass / unix:/i/run/gunicorn.sock|http://demo.example.org/ disablereuse=On\n')
        site.contains('    RequestHeader set X-Forwarded-Proto "http"\n')
        !site.contains('443')
        spec.url() == 'http://demo.example.org/'
    }

    def "an HTTPS site redirects port 80 and serves TLS with the instance's certificate"() {
        given:
        def spec = new SiteSpec('demo', 'demo.example.org', Path.of('/i/static'), Path.of('/i/docs'), Path.of('/i/run/gunicorn.sock'), 8101,
                Path.of('/i/etc/tls/demo.example.org.crt'), Path.of('/i/etc/tls/demo.example.org.key'))

        when:
        String site = ApacheSite.render(spec)

        then:
        site.contains('RewriteRule ^/?(.*)$ https://%{HTTP_HOST}/$1 [R=301,L]')
        site.contains('<VirtualHost *:443>')
        site.contains('    SSLCertificateFile /i/etc/tls/demo.example.org.crt\n')
        site.contains('    SSLCertificateKeyFile /i/etc/tls/demo.example.org.key\n')
        site.contains('    RequestHeader set X-Forwarded-Proto "https"\n')
        spec.url() == 'https://demo.example.org/'
    }

    def "the worker's jobs outlive a stop or a restart of the worker, which comes back however it ended"() {
        given:
        def worker = new ServiceProgram('lava-demo-worker', ['/srv/lava/instances/demo/bin/lava-worker'], 'root',
                Path.of('/srv/lava/instances/demo'), 20, Path.of('/srv/lava/instances/demo/var/log/lava-worker.out'), true)

        when:
        String conf = new Supervisor(runner).render('lava-demo', [programs[0], worker])
        String unit = Systemd.renderService('lava-demo', worker)

        then: 'supervisord stops only the worker, not the process groups of the jobs it started'
        conf.contains('[program:lava-demo-worker]\ncommand=/srv/lava/instances/demo/bin/lava-worker\ndirectory=/srv/lava/instances/demo\nuser=root\n')
        conf.substring(conf.indexOf('[program:lava-demo-worker]')).contains('stopasgroup=false\nkillasgroup=false\n')
        conf.substring(0, conf.indexOf('[program:lava-demo-worker]')).contains('stopasgroup=true\nkillasgroup=true\n')

        and: 'systemd likewise, as Debian\'s lava-worker.service'
        unit.contains('KillMode=process\n')
        unit.contains('Restart=always\n')
        Systemd.renderService('lava-demo', programs[0]).contains('KillMode=mixed\n')
    }

    def "an instance's services are its own only when their definition names its directory (not another root's namesake)"() {
        given:
        Path supervisorDir = Files.createDirectory(dir.resolve('conf.d'))
        Path definition = supervisorDir.resolve('lava-demo.conf')
        Files.writeString(definition, new Supervisor(runner).render('lava-demo', programs))

        expect:
        Supervisor.names(definition, Path.of('/srv/lava/instances/demo'))
        !Supervisor.names(definition, Path.of('/tmp/lava-spec-1/root/instances/demo'))
        !Supervisor.names(supervisorDir.resolve('absent.conf'), Path.of('/srv/lava/instances/demo'))
    }

    def "supervisord is told to drop a group it still runs, even when its file went already (a removal killed in between)"() {
        given:
        String status = 'lava-demo:lava-demo-web          RUNNING   pid 12, uptime 0:01:02\n' +
                'lava-demo-2:lava-demo-2-web      STOPPED   Not started\n'

        expect: 'a group it runs or has stopped is known to it; another, or a namesake by prefix, is not'
        Supervisor.loaded(status, 'lava-demo')
        Supervisor.loaded(status, 'lava-demo-2')
        !Supervisor.loaded(status, 'lava-dem')
        !Supervisor.loaded(status, 'lava-other')
        !Supervisor.loaded('', 'lava-demo')
    }
}
