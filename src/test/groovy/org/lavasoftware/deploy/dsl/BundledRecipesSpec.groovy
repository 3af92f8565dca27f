package org.lavasoftware.deploy.dsl

import groovy.io.FileType
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.LinkSafeTempDir
import org.lavasoftware.deploy.support.TempRoot
import spock.lang.Specification

/**
 * Every bundled recipe is documented at its top and its documented dry-run example runs, so the
 * recipes cannot rot (their real runs are in RecipesIntegrationSpec).
 */
class BundledRecipesSpec extends Specification {
    static List<Path> recipes() {
        Files.list(Path.of('recipes')).withCloseable { s -> s.filter { it.toString().endsWith('.lava') }.sorted().toList() }
    }

    Path dir = LinkSafeTempDir.create()
    Path root = dir.resolve('root')

    def setup() {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString('rwxr-xr-x'))
        Files.createDirectories(root)
        Files.writeString(root.resolve('.setup'), '2\n')
        new TempRoot(root).instance('prod', "LAVA_CONFIG_VERSION='5'\nLAVA_WEB_MODE='vhost'\nLAVA_APACHE_VHOST='prod.example.org'\n", '2023.01-2')
    }

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "the bundled recipes are the ones the manual lists"() {
        expect:
        recipes()*.fileName*.toString().containsAll(['clone-instance.lava', 'nightly-backup.lava', 'limited-deployment.lava',
                'local-development.lava', 'production-install.lava', 'pip-to-buildout.lava', 'smoke-test.lava'])
    }

    def "#recipe says at its top what it does, its parameters and an example"() {
        when:
        String header = Files.readString(recipe).split(/\*\//)[0]

        then:
        header.startsWith("/*\n * ${recipe.fileName}: ")
        header.contains(' * Parameters:')
        header =~ /(?m)^ \*\s+\.\/lava-deployment-tool run recipes\/${recipe.fileName}/
        header =~ /(?m)^ \*\s+\.\/lava-deployment-tool --dry-run run recipes\/${recipe.fileName}/

        where:
        recipe << recipes()
    }

    def "the dry-run example of #recipe.fileName runs and changes nothing"() {
        given: 'the example as its header gives it'
        String line = Files.readString(recipe).readLines()
                .find { it =~ /\.\/lava-deployment-tool --dry-run run recipes\// }
        List<String> args = line.replaceFirst(/^.*?--dry-run run /, '').replaceFirst(/\s+#.*$/, '').trim().split(/\s+/).toList()
        List<String> before = tree()

        when:
        def run = CliRun.run(['--root', root.toString(), '--dry-run', '--yes', 'run'] + args,
                [XDG_CONFIG_HOME: dir.resolve('config').toString(), LAVA_DEPLOYMENT_TOOL_ETC: dir.resolve('etc').toString()])

        then:
        run.status == 0
        run.err.readLines().every { !it.startsWith('error') }
        tree() == before

        where: 'pip-to-buildout asks a real venv what pip installed: its dry run is in PipToBuildoutIntegrationSpec'
        recipe << recipes().findAll { it.fileName.toString() != 'pip-to-buildout.lava' }
    }

    private List<String> tree() {
        List<String> files = []
        root.toFile().eachFileRecurse(FileType.ANY) { files << root.relativize(it.toPath()).toString() }
        files.sort()
    }
}
