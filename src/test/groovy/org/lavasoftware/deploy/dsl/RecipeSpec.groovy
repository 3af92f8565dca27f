package org.lavasoftware.deploy.dsl

import org.lavasoftware.deploy.support.LinkSafeTempDir
import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.TempRoot
import org.lavasoftware.deploy.adapters.web.MachineName
import spock.lang.Specification

class RecipeSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    TempRoot temp
    Path root

    def setup() {
        root = Files.createDirectories(dir.resolve('root'))
        temp = new TempRoot(root)
        temp.instance('prod', "LAVA_CONFIG_VERSION='5'\nLAVA_WEB_MODE='location'\nLAVA_APACHE_VHOST='prod.example.org'\n",
                '2023.01-2')
        temp.instance('lab')
    }

    CliRun recipe(String text, List<String> params = [], Map<String, String> env = [:], List<String> options = []) {
        Path file = dir.resolve('recipe.lava')
        Files.writeString(file, text)
        CliRun.run(['--root', root.toString()] + options + ['run', file.toString()] + params,
                [XDG_CONFIG_HOME: dir.resolve('config').toString(), LAVA_DEPLOYMENT_TOOL_ETC: dir.resolve('etc').toString()] + env)
    }

    def "the primitives query the engine: #code"() {
        when:
        def run = recipe("println(${code})")

        then:
        run.status == 0
        run.out.trim() == expected

        where:
        code                                             | expected
        "instance('prod').revision"                      | '2023.01-2'
        "instance('prod').mode"                          | 'location'
        "instance('prod').state"                         | 'not deployed'
        "instance('prod').url"                           | "http://${MachineName.get()}/prod/".toString()
        "instance('prod').config.LAVA_APACHE_VHOST"      | 'prod.example.org'
        "instance('prod').exists()"                      | 'true'
        "instance('ghost').exists()"                     | 'false'
        "instances()*.name"                              | '[lab, prod]'
        "instance('lab')"                                | "instance('lab')"
    }

    def "a block after instance(NAME) runs with that instance as its subject"() {
        expect:
        recipe("instance('prod') { println \"\$name is on \$revision\" }").out.trim() == 'prod is on 2023.01-2'
    }

    def "parameters given on the command line are variables of the recipe and values of param()"() {
        when:
        def run = recipe("println name; println param('name'); println param('keep', 7)", ['name=prod'])

        then:
        run.out.readLines() == ['prod', 'prod', '7']
    }

    def "a missing parameter is named, with the recipe's line, as bad input"() {
        when:
        def run = recipe("println 'start'\nprintln param('target')\n")

        then:
        run.status == 2
        run.err.trim() == "error: recipe.lava:2: parameter 'target' is not set: pass target=VALUE after the recipe's name"
    }

    def "errors point at the recipe's file and line, never at a Groovy stack trace: #problem"() {
        when:
        def run = recipe(code)

        then:
        run.status == status
        run.err.readLines().size() == 1
        run.err.startsWith("error: ${location}: ".toString())
        run.err.contains(message)
        !run.err.contains('at org.')

        where:
        problem            | code                                      | status | location       | message
        'a typo'           | "println 1\ninstnace('prod')\n"           | 2      | 'recipe.lava:2' | 'did you mean instance or instances?'
        'an unset name'    | "\n\nprintln target\n"                    | 2      | 'recipe.lava:3' | "'target' is not defined; pass target=VALUE"
        'a syntax error'   | "println 1\ninstance('prod') {\n"         | 2      | 'recipe.lava:3:1' | 'Unexpected input'
        'an engine error'  | "instance('Bad')\n"                       | 2      | 'recipe.lava:1' | "invalid instance name 'Bad'"
        'a runtime error'  | "def x = null\nx.size()\nprintln 'x'\n"   | 1      | 'recipe.lava:2' | 'NullPointerException'
        'a refused answer' | "confirm 'go on?'\n"                      | 2      | 'recipe.lava:1' | 'pass --yes'
        'a bad web mode'   | "\ninstance('prod').toggle('sideways')\n" | 2      | 'recipe.lava:2' | "unknown web mode 'sideways'"
    }

    def "confirm goes on with --yes"() {
        expect:
        recipe("confirm 'go on?'\nprintln 'went on'\n", [], [:], ['--yes']).out.trim() == 'went on'
    }

    def "extension scripts of the dsl directories add primitives for recipes, in order: bundled, system, user"() {
        given:
        Files.createDirectories(dir.resolve('etc/dsl.d'))
        Files.writeString(dir.resolve('etc/dsl.d/10-site.groovy'), "primitive('siteName') { -> 'lab site' }\n")
        Files.createDirectories(dir.resolve('config/lava-deployment-tool/dsl.d'))
        Files.writeString(dir.resolve('config/lava-deployment-tool/dsl.d/mine.groovy'), '''
            instancePrimitive('summary') { -> "${name}@${revision} on ${siteName()}" }
        ''')

        when:
        def run = recipe("println instance('prod').summary()")

        then:
        run.status == 0
        run.out.trim() == 'prod@2023.01-2 on lab site'
    }

    def "an extension cannot replace a built-in primitive"() {
        given:
        Files.createDirectories(dir.resolve('etc/dsl.d'))
        Files.writeString(dir.resolve('etc/dsl.d/clash.groovy'), "instancePrimitive('exists') { -> false }\n")

        when:
        def run = recipe("println 1")

        then:
        run.status == 2
        run.err.trim() == "error: clash.groovy:1: 'exists' is a built-in primitive; give the extension another name"
    }

    def "an error in an extension script names that script"() {
        given:
        Files.createDirectories(dir.resolve('etc/dsl.d'))
        Files.writeString(dir.resolve('etc/dsl.d/broken.groovy'), "\nprimitive('x') { -> }\nnoSuchThing()\n")

        when:
        def run = recipe("println 1")

        then:
        run.status == 2
        run.err.startsWith('error: broken.groovy:3: there is no primitive or method noSuchThing()')
    }

    def "dryRun { } runs its block in dry-run mode"() {
        expect:
        recipe("dryRun { println instance('prod').exists() }\nprintln 'after'").out.readLines() == ['true', 'after']
    }

    def "install and remove inside dryRun { } print their plans and change nothing"() {
        given: 'a root instance users could reach'
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString('rwxr-xr-x'))
        Files.writeString(root.resolve('.setup'), '2\n')

        when:
        def run = recipe('''
            dryRun {
                instance('fresh').install(vhost: 'fresh.example.org', https: true)
                instance('lab').remove()
            }
        ''', [], [:], ['--yes'])

        then:
        run.status == 0
        run.out.contains('Plan: install of fresh (')
        run.out.contains('make a self-signed certificate for fresh.example.org')
        run.out.contains('Plan: removal of lab (')
        run.out.contains('[point of no return]')
        !Files.exists(root.resolve('instances/fresh'))
        Files.isDirectory(root.resolve('instances/lab'))
    }

    def "install refuses options it does not know, naming them"() {
        when:
        def run = recipe("instance('fresh').install(vhots: 'x')")

        then:
        run.status == 2
        run.err.contains("install does not know the option vhots; it takes source, version, vhost, https, cert, key, dev, scheduler, buildout")
    }

    def "a recipe that does not exist is bad input"() {
        when:
        def run = CliRun.run(['run', dir.resolve('nothing.lava').toString()])

        then:
        run.status == 2
        run.err.contains('no recipe at')
    }
}
