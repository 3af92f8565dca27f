package org.lavasoftware.deploy.model

import java.nio.file.Path
import org.lavasoftware.deploy.support.LinkSafeTempDir
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.support.TempRoot
import spock.lang.Specification

class InstanceConfigSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    TempRoot temp

    def setup() {
        temp = new TempRoot(dir)
    }

    def "instance.conf written by the tool is read back unchanged, including awkward values"() {
        given:
        def name = InstanceName.of('prod')
        def layout = temp.root().instance(name)
        Files.createDirectories(layout.dir())
        def config = InstanceConfig.fresh(name, temp.root().instancesDir().toString())
                .set(ConfigKey.LAVA_DB_PASSWORD, password)
                .set('LAVA_SITE_NOTE', 'a key this tool does not know')

        when:
        InstanceConfigStore.save(layout, config)
        def loaded = InstanceConfigStore.load(layout)

        then:
        loaded.config().asMap() == config.asMap()
        !loaded.needsSaving()

        where:
        password << ["p'w \$x \"y\" `z`", 'simple', '']
    }

    def "instance.conf is private to root (0600) because it holds the database password"() {
        given:
        def layout = temp.root().instance(InstanceName.of('prod'))
        Files.createDirectories(layout.dir())

        when:
        InstanceConfigStore.save(layout, InstanceConfig.fresh(layout.name(), '/srv/lava/instances'))

        then:
        PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.configFile())) == 'rw-------'
        Files.list(layout.dir()).toList()*.fileName*.toString() == ['instance.conf']
    }

    def "a version-4 file written by the classic tool is read and evolved to the current version"() {
        given: 'a file in the classic format, as its _show_config wrote it'
        temp.instance('lab', '''\
# Config version
LAVA_CONFIG_VERSION='4'
# Installation prefix
LAVA_PREFIX='/srv/lava/instances'
# Instance name
LAVA_INSTANCE='lab'
# The lava-server branch used by upgrade
LAVA_MANIFEST_BRANCH='lp:lava-manifest'
LAVA_BUILDOUT_CFG='buildout-production.cfg'
# System configuration (Unix-level)
LAVA_SYS_USER='lava-lab'
LAVA_INSTANCE_OWNS_USER='yes'
# Apache configuration
LAVA_APACHE_VHOST='lab.example.org'
LAVA_DEV_MODE='no'
# PostgreSQL configuration
LAVA_DB_NAME='lava-lab'
LAVA_DB_USER='lava-lab'
LAVA_DB_PORT=''
LAVA_DB_PASSWORD='s3cr3t'
# Scheduler configuration
LAVA_SCHEDULER_ENABLED='yes'
LAVA_SERVER_IP='10.0.0.5'
LAVA_PROXY=''
''')

        when:
        def loaded = InstanceConfigStore.load(temp.root().instance(InstanceName.of('lab')))
        def config = loaded.config()

        then: 'the classic values are kept'
        config.systemUser() == 'lava-lab'
        config.databaseName() == 'lava-lab'
        config.get(ConfigKey.LAVA_DB_PASSWORD) == 's3cr3t'
        config.get(ConfigKey.LAVA_APACHE_VHOST) == 'lab.example.org'
        config.get(ConfigKey.LAVA_BUILDOUT_CFG) == 'buildout-production.cfg'
        config.get(ConfigKey.LAVA_SERVER_IP) == '10.0.0.5'

        and: 'the new keys get their defaults, and saving is due'
        config.version() == ConfigEvolutions.CURRENT_VERSION
        config.webMode() == 'vhost'
        config.source() == 'lp:lava-manifest'
        loaded.evolutions() == ['version 4 to 5: code source, web mode, HTTPS and service keys added',
                                "version 5 to 6: the local worker's keys added (none was deployed: LAVA_WORKER_ENABLED='no')"]
        loaded.needsSaving()

        and: 'an instance made before workers runs none until it is given one'
        config.get(ConfigKey.LAVA_WORKER_ENABLED) == 'no'
        config.get(ConfigKey.LAVA_WEB_PORT) == ''
    }

    def "an instance without any instance.conf is read with the classic legacy defaults"() {
        given:
        temp.instance('old')

        when:
        def config = InstanceConfigStore.load(temp.root().instance(InstanceName.of('old'))).config()

        then: 'the classic tool used the bare name, without the lava- prefix'
        config.systemUser() == 'old'
        config.databaseUser() == 'old'
        config.databaseName() == 'old'
        config.get(ConfigKey.LAVA_INSTANCE_OWNS_USER) == 'yes'
        config.version() == ConfigEvolutions.CURRENT_VERSION
    }

    def "an instance.conf kept in etc/lava-server is found there"() {
        given:
        def dir = temp.instance('etcconf')
        Files.createDirectories(dir.resolve('etc/lava-server'))
        Files.writeString(dir.resolve('etc/lava-server/instance.conf'), "LAVA_CONFIG_VERSION='5'\nLAVA_WEB_MODE='location'\n")

        expect:
        InstanceConfigStore.load(temp.root().instance(InstanceName.of('etcconf'))).config().webMode() == 'location'
    }

    def "evolutions run in order from any older version: from #from"() {
        given:
        def config = new InstanceConfig(InstanceName.of('x'), [LAVA_CONFIG_VERSION: "${from}".toString()])

        when:
        def applied = ConfigEvolutions.evolve(config)

        then:
        applied.size() == ConfigEvolutions.CURRENT_VERSION - from
        applied.first().startsWith("version ${from} to ${from + 1}")
        config.version() == ConfigEvolutions.CURRENT_VERSION
        config.get(ConfigKey.LAVA_INSTANCE_OWNS_USER) == (from <= 1 ? 'yes' : '')

        where:
        from << [0, 1, 2, 3, 4, 5]
    }

    def "a file newer than this tool is refused, asking to upgrade the tool"() {
        when:
        ConfigEvolutions.evolve(new InstanceConfig(InstanceName.of('x'), [LAVA_CONFIG_VERSION: '99']))

        then:
        def e = thrown(ToolException)
        e.message.contains('upgrade lava-deployment-tool')
    }
}
