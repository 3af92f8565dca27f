package org.lavasoftware.deploy.support

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

/**
 * Turns an instance the tool installed into a classic pip-based one: a venv at the instance's root
 * (on the system's site-packages, as the classic tool's virtualenv used Debian's libraries) holding
 * LAVA's packages and one extension pip installed from a tiny setuptools project, lava.env and the
 * classic etc/lava-server/lava-server.wsgi pointing into lib/, device types in share/, the static
 * files in one directory, and no code/ at all.
 */
class LegacyPipInstance {
    static final String EXTENSION = 'lava-pipext'
    static final String EXTENSION_VERSION = '0.2'

    final Path root
    final String name
    final Path work

    LegacyPipInstance(Path root, String name, Path work) {
        this.root = root
        this.name = name
        this.work = work
    }

    Path dir() {
        root.resolve("instances/${name}")
    }

    Path sitePackages() {
        Files.list(dir().resolve('lib')).withCloseable { s -> s.filter { it.fileName.toString().startsWith('python3') }.findFirst().get() }
                .resolve('site-packages')
    }

    void make() {
        Path dir = dir()
        Path code = dir.resolve('code/current').toRealPath()
        sh('/usr/bin/python3', '-m', 'venv', '--system-site-packages', '--without-pip', dir.toString())
        Path site = sitePackages()
        sh('cp', '-a', code.resolve('usr/lib/python3/dist-packages').toString() + '/.', site.toString())
        Files.createDirectories(dir.resolve('share'))
        sh('cp', '-a', code.resolve('usr/share/lava-server').toString(), dir.resolve('share/lava-server').toString())
        sh('env', '-i', 'PATH=/usr/bin:/bin', dir.resolve('bin/python').toString(), '-m', 'pip', 'install', '--no-index',
                '--no-build-isolation', '--no-deps', '--disable-pip-version-check', extension().toString())
        Files.writeString(dir.resolve('etc/lava-server/lava-server.wsgi'), """\
# the classic tool's wsgi file: LAVA from the instance's venv
import sys
sys.path.insert(0, "${site}")
from lava_server.wsgi import application  # noqa: E402
""")
        repointSettings(code, site)
        Path staticLink = dir.resolve('var/www/lava-server/static')
        Path collected = staticLink.resolveSibling(Files.readSymbolicLink(staticLink).toString())
        Files.delete(staticLink)
        Files.move(collected, staticLink)
        sh('rm', '-rf', '--', dir.resolve('code').toString())
        sh('supervisorctl', 'restart', "lava-${name}:*".toString())
    }

    /** lava.env as the pip-based instance had it: its Python path and device types in the venv. */
    private void repointSettings(Path code, Path site) {
        Path env = dir().resolve('etc/lava-server/lava.env')
        String current = dir().resolve('code/current').toString()
        List<String> lines = Files.readAllLines(env).collect { String line ->
            if (line.startsWith('PYTHONPATH=')) {
                return "PYTHONPATH='${site}'".toString()
            }
            if (line.startsWith('LAVA_JSON_SETTINGS=')) {
                String json = new String(line.substring(line.indexOf("'") + 1, line.lastIndexOf("'")).decodeBase64(), StandardCharsets.UTF_8)
                        .replace("${current}/usr/share/lava-server", "${dir()}/share/lava-server")
                return "LAVA_JSON_SETTINGS='${json.getBytes(StandardCharsets.UTF_8).encodeBase64()}'".toString()
            }
            line
        }
        Files.write(env, lines)
    }

    /** A Django application as an administrator would have pip-installed it beside LAVA. */
    private Path extension() {
        Path src = work.resolve('pipext-src')
        Files.createDirectories(src.resolve('lava_pipext'))
        Files.writeString(src.resolve('lava_pipext/__init__.py'), 'GREETING = "hello from lava_pipext"\n')
        Files.writeString(src.resolve('lava_pipext/apps.py'),
                'from django.apps import AppConfig\n\n\nclass PipextConfig(AppConfig):\n    name = "lava_pipext"\n')
        Files.writeString(src.resolve('pyproject.toml'), '[build-system]\nrequires = ["setuptools"]\n'
                + 'build-backend = "setuptools.build_meta"\n\n[project]\n' + "name = \"${EXTENSION}\"\nversion = \"${EXTENSION_VERSION}\"\n"
                + '\n[tool.setuptools]\npackages = ["lava_pipext"]\n')
        src
    }

    private static void sh(String... command) {
        def r = MachineState.run(command)
        assert r.status == 0: "${command.join(' ')}: ${r.out}"
    }
}
