package org.lavasoftware.deploy.adapters

import java.nio.file.Path
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.adapters.apache.ApacheSite
import org.lavasoftware.deploy.adapters.apache.DefaultSite
import org.lavasoftware.deploy.adapters.apache.LocationSite
import org.lavasoftware.deploy.adapters.apache.SiteSpec
import org.lavasoftware.deploy.adapters.lava.LavaSettings
import org.lavasoftware.deploy.adapters.lava.Served
import org.lavasoftware.deploy.model.InstanceConfig
import org.lavasoftware.deploy.model.InstanceLayout
import org.lavasoftware.deploy.model.InstanceName
import org.lavasoftware.deploy.model.LavaRoot
import org.lavasoftware.deploy.model.WebMode
import spock.lang.Specification

/** What the tool writes for an instance served at /NAME/ on the default site, and for LAVA then. */
class WebModeRenderingSpec extends Specification {
    def spec = new SiteSpec('demo', 'demo.example.org', Path.of('/i/static'), Path.of('/i/docs'), Path.of('/i/run/gunicorn.sock'),
            8101, Path.of('/i/etc/tls/demo.example.org.crt'), Path.of('/i/etc/tls/demo.example.org.key'))
    def layout = new InstanceLayout(new LavaRoot(Path.of('/srv/lava')), InstanceName.of('demo'))

    def "a location proxies /NAME/ with its prefix to gunicorn, under one fixed host, and serves its own static files"() {
        when:
        String conf = LocationSite.render(spec, 'lab-server')

        then: 'the prefix reaches LAVA unchanged: its URL patterns start with MOUNT_POINT'
        conf.contains('ProxyPass /demo/ unix:/i/run/gunicorn.sock|http://lab-server/demo/ disablereuse=On\n')
        conf.contains('ProxyPassReverse /demo/ http://lab-server/demo/\n')
        conf.contains('<Location /demo/>\n    ProxyPreserveHost Off\n    RequestHeader set X-Forwarded-Proto "http"\n</Location>\n')

        and: 'static files, docs and the publisher under the instance\'s own prefix, before the catch-all proxy'
        conf.contains('Alias /demo/static/docs/ /i/docs/\n')
        conf.contains('Alias /demo/static/ /i/static/\n')
        conf.indexOf('ProxyPass /demo/static/ !\n') < conf.indexOf('ProxyPass /demo/ unix:')
        conf.indexOf('ProxyPass /demo/ws/ ws://127.0.0.1:8101/ws/\n') < conf.indexOf('ProxyPass /demo/ unix:')
        conf.contains('<Directory /i/docs>\n    Require all granted\n    Options -Indexes +FollowSymLinks\n')

        and: '/demo without its slash is sent to /demo/; no virtual host and nothing at the root of the host'
        conf.contains('RedirectMatch 301 ^/demo$ /demo/\n')
        !conf.contains('VirtualHost')
        !conf.contains('ProxyPass / ')
        !conf.contains('SSL')
        LocationSite.prefix('demo') == '/demo/'
    }

    def "the tool's default site answers for every unclaimed name, serves Debian's page at / and includes the locations"() {
        when:
        String site = DefaultSite.render()

        then:
        site.contains('<VirtualHost *:80>\n')
        !site.contains('ServerName')
        site.contains('    DocumentRoot /var/www/html\n')
        site.contains('    IncludeOptional /etc/apache2/lava-locations/*.conf\n')
        DefaultSite.NAME < DefaultSite.DEBIAN_DEFAULT
        DefaultSite.file() == Path.of('/etc/apache2/sites-available/00-lava-locations.conf')
        DefaultSite.entry('demo') == Path.of('/etc/apache2/lava-locations/lava-demo.conf')
    }

    def "the virtual host of an instance is unchanged by the modes: it serves from /"() {
        expect:
        ApacheSite.render(spec).contains('    ProxyPass / unix:/i/run/gunicorn.sock|http://demo.example.org/ disablereuse=On\n')
    }

    def "at /NAME/ LAVA gets MOUNT_POINT and everything that goes with it, its cookies scoped to the prefix"() {
        when:
        Map json = new LavaSettings(layout, Served.under('/demo/', 'lab-server'), false, 5432, 'lava-demo', 'lava-demo', 5601)
                .json(null)
        Map env = new LavaSettings(layout, Served.under('/demo/', 'lab-server'), false, 5432, 'lava-demo', 'lava-demo', 5601)
                .environment(Path.of('usr/lib/python3/dist-packages'), null, 'k')

        then:
        json.MOUNT_POINT == '/demo/'
        json.STATIC_URL == '/demo/static/'
        json.LOGIN_URL == '/demo/accounts/login/'
        json.LOGIN_REDIRECT_URL == '/demo/'
        json.CSRF_COOKIE_PATH == '/demo/'
        json.SESSION_COOKIE_SECURE == false
        json.CSRF_COOKIE_SECURE == false
        env.ALLOWED_HOSTS == 'lab-server'
        env.SECRET_KEY == 'k'
    }

    def "at the root of its virtual host LAVA gets no prefix; HTTPS keeps its cookies secure"() {
        when:
        Map json = new LavaSettings(layout, Served.atRoot('demo.example.org', true), false, 5432, 'lava-demo', 'lava-demo', 5601)
                .json(null)

        then:
        ['MOUNT_POINT', 'STATIC_URL', 'LOGIN_URL', 'LOGIN_REDIRECT_URL', 'CSRF_COOKIE_PATH', 'SESSION_COOKIE_SECURE'].every { !json.containsKey(it) }
    }

    def "a mount point starts and ends with a slash"() {
        when:
        Served.under('demo', 'lab-server')

        then:
        thrown(IllegalArgumentException)
    }

    def "the web mode is read as the classic tool wrote it, vhost by default: '#value'"() {
        expect:
        WebMode.of(new InstanceConfig(InstanceName.of('demo'), [LAVA_WEB_MODE: value])) == mode

        where:
        value      | mode
        'location' | WebMode.LOCATION
        'vhost'    | WebMode.VHOST
        ''         | WebMode.VHOST
        'unknown'  | WebMode.VHOST
    }

    def "a mode typed by a user is vhost or location; anything else is bad input naming both"() {
        expect:
        WebMode.parse('location') == WebMode.LOCATION
        WebMode.parse(' VHOST ') == WebMode.VHOST

        when:
        WebMode.parse('sideways')

        then:
        def e = thrown(ToolException)
        e.status().code() == 2
        e.message.startsWith("unknown web mode 'sideways'; use vhost")
        e.message.contains('or location')
    }
}
