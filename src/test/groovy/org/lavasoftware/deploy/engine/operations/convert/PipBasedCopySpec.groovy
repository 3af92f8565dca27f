package org.lavasoftware.deploy.engine.operations.convert

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Shared
import spock.lang.Specification

/** What a pip-based copy takes from its original: the venv's paths moved, the pip-era settings with the copy's identity. */
class PipBasedCopySpec extends Specification {
    static final Path OLD = Path.of('/srv/lava/instances/old')
    static final Path COPY = Path.of('/srv/lava/instances/old-copy')

    @Shared
    Path dir = LinkSafeTempDir.create()

    def cleanupSpec() {
        LinkSafeTempDir.delete(dir)
    }

    def "only whole paths into the original's directory move to the copy's: #text"() {
        expect:
        new VenvPaths(OLD, COPY).rewrite(text) == expected

        where:
        text                                                          || expected
        '#!/srv/lava/instances/old/bin/python3\n'                     || '#!/srv/lava/instances/old-copy/bin/python3\n'
        "VIRTUAL_ENV='/srv/lava/instances/old'\n"                     || "VIRTUAL_ENV='/srv/lava/instances/old-copy'\n"
        '/srv/lava/instances/old'                                     || '/srv/lava/instances/old-copy'
        'file:///srv/lava/instances/old/src/ext'                      || 'file:///srv/lava/instances/old-copy/src/ext'
        '/srv/lava/instances/old/a:/srv/lava/instances/old/b'         || '/srv/lava/instances/old-copy/a:/srv/lava/instances/old-copy/b'
        '/srv/lava/instances/old2/bin/python'                         || '/srv/lava/instances/old2/bin/python'
        '/srv/lava/instances/old-copy/bin/python'                     || '/srv/lava/instances/old-copy/bin/python'
        '/srv/lava/instances/old.bak/lib'                             || '/srv/lava/instances/old.bak/lib'
        '/mnt/srv/lava/instances/old/lib'                             || '/mnt/srv/lava/instances/old/lib'
        'home = /usr/bin\n'                                           || 'home = /usr/bin\n'
    }

    def "the files where a venv writes its own directory: #relative"() {
        expect:
        VenvPaths.holdsPaths(Path.of(relative)) == holds

        where:
        relative                                                          || holds
        'bin/gunicorn'                                                    || true
        'bin/activate'                                                    || true
        'pyvenv.cfg'                                                      || true
        'etc/lava-server/lava-server.wsgi'                                || true
        'lib/python3.11/site-packages/distutils-precedence.pth'           || true
        'lib/python3.11/site-packages/lava-ext.egg-link'                  || true
        'lib/python3.11/site-packages/lava_pipext-0.2.dist-info/direct_url.json' || true
        'lib/python3.11/site-packages/lava_pipext/__init__.py'            || false
        'lib/python3.11/site-packages/lava_pipext-0.2.dist-info/RECORD'   || false
        'share/lava-server/device-types/qemu.jinja2'                      || false
    }

    def "a copied venv's scripts and absolute links name the copy, binaries and relative links stay"() {
        given:
        Path copy = dir.resolve('copy')
        Path old = dir.resolve('old')
        Files.createDirectories(copy.resolve('bin'))
        Files.createDirectories(copy.resolve('lib/python3.11/site-packages'))
        Files.writeString(copy.resolve('bin/gunicorn'), "#!${old}/bin/python3\nimport sys\n")
        Files.write(copy.resolve('bin/tool'), "\u0000${old}/bin".getBytes(StandardCharsets.ISO_8859_1))
        Files.writeString(copy.resolve('lib/python3.11/site-packages/ext.pth'), "${old}/src/ext\n")
        Files.writeString(copy.resolve('lib/python3.11/site-packages/mod.py'), "PATH = '${old}/lib'\n")
        Files.createSymbolicLink(copy.resolve('bin/python3'), Path.of("${old}/bin/python3.11"))
        Files.createSymbolicLink(copy.resolve('lib64'), Path.of('lib'))

        when:
        new VenvPaths(old, copy).rewriteTree(copy, [copy.resolve('bin'), copy.resolve('lib'), copy.resolve('lib64')])

        then:
        Files.readString(copy.resolve('bin/gunicorn')) == "#!${copy}/bin/python3\nimport sys\n"
        new String(Files.readAllBytes(copy.resolve('bin/tool')), StandardCharsets.ISO_8859_1) == "\u0000${old}/bin"
        Files.readString(copy.resolve('lib/python3.11/site-packages/ext.pth')) == "${copy}/src/ext\n"
        Files.readString(copy.resolve('lib/python3.11/site-packages/mod.py')) == "PATH = '${old}/lib'\n"
        Files.readSymbolicLink(copy.resolve('bin/python3')) == Path.of("${copy}/bin/python3.11")
        Files.readSymbolicLink(copy.resolve('lib64')) == Path.of('lib')
    }

    def "the copy's settings: #key from #source"() {
        given:
        def settings = new PipEraSettings(new VenvPaths(OLD, COPY), COPY.resolve('code'))
        def env = settings.environment(oldEnv(), copyEnv())
        def json = new String(env[PipEraSettings.JSON].decodeBase64(), StandardCharsets.UTF_8)

        expect:
        (key.startsWith('json:') ? json.contains(value) : env[key] == value)

        where:
        key                  | source                          | value
        'PYTHONPATH'         | 'the original, moved'           | '/srv/lava/instances/old-copy/lib/python3.11/site-packages'
        'DATABASE_URL'       | 'the copy'                      | 'postgres://lava-old-copy@127.0.0.1:5432/lava-old-copy'
        'SECRET_KEY'         | 'the copy'                      | 'copy-secret'
        'INSTANCE_NAME'      | 'the copy'                      | 'old-copy'
        'ALLOWED_HOSTS'      | 'the copy'                      | 'old-copy.test'
        'PGPASSFILE'         | 'the copy'                      | '/srv/lava/instances/old-copy/etc/lava-server/pgpass'
        'LAVA_EXTRA'         | 'the original, an extra'        | 'on'
        'LAVA_CODE_ONLY'     | 'neither: into the copy\'s code' | null
        'json:devices'       | 'the original, moved'           | '"DEVICE_TYPES_PATHS":["/srv/lava/instances/old-copy/etc/dispatcher-config/device-types","/srv/lava/instances/old-copy/share/lava-server/device-types"]'
        'json:event port'    | 'the copy'                      | '"EVENT_SOCKET":"tcp://*:5600"'
        'json:media'         | 'the original, moved'           | '"MEDIA_ROOT":"/srv/lava/instances/old-copy/var/lib/lava-server/media"'
        'json:debug'         | 'the original'                  | '"DEBUG":true'
    }

    private static Map<String, String> oldEnv() {
        ['DJANGO_SETTINGS_MODULE': 'lava_server.settings.prod', 'PYTHONPATH': '/srv/lava/instances/old/lib/python3.11/site-packages',
         'DATABASE_URL': 'postgres://lava-old@127.0.0.1:5432/lava-old', 'PGPASSFILE': '/srv/lava/instances/old/etc/lava-server/pgpass',
         'SECRET_KEY': 'old-secret', 'INSTANCE_NAME': 'old', 'ALLOWED_HOSTS': 'old.test', 'LAVA_EXTRA': 'on',
         'LAVA_JSON_SETTINGS': json('{"MEDIA_ROOT":"/srv/lava/instances/old/var/lib/lava-server/media",'
                 + '"DEVICE_TYPES_PATHS":["/srv/lava/instances/old/etc/dispatcher-config/device-types",'
                 + '"/srv/lava/instances/old/share/lava-server/device-types"],"EVENT_SOCKET":"tcp://*:5500","DEBUG":true}')]
    }

    private static Map<String, String> copyEnv() {
        ['DJANGO_SETTINGS_MODULE': 'lava_server.settings.prod', 'PYTHONPATH': '/srv/lava/instances/old-copy/code/current/usr/lib/python3/dist-packages',
         'DATABASE_URL': 'postgres://lava-old-copy@127.0.0.1:5432/lava-old-copy', 'PGPASSFILE': '/srv/lava/instances/old-copy/etc/lava-server/pgpass',
         'SECRET_KEY': 'copy-secret', 'INSTANCE_NAME': 'old-copy', 'ALLOWED_HOSTS': 'old-copy.test',
         'LAVA_CODE_ONLY': '/srv/lava/instances/old-copy/code/current/x',
         'LAVA_JSON_SETTINGS': json('{"MEDIA_ROOT":"/srv/lava/instances/old-copy/var/lib/lava-server/media",'
                 + '"DEVICE_TYPES_PATHS":["/srv/lava/instances/old-copy/etc/dispatcher-config/device-types",'
                 + '"/srv/lava/instances/old-copy/code/current/usr/share/lava-server/device-types"],"EVENT_SOCKET":"tcp://*:5600"}')]
    }

    private static String json(String text) {
        text.getBytes(StandardCharsets.UTF_8).encodeBase64().toString()
    }
}
