package org.lavasoftware.deploy.build

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.engine.operations.InstanceServices
import org.lavasoftware.deploy.engine.operations.build.BuildScripts
import org.lavasoftware.deploy.engine.operations.build.RevisionBuild
import org.lavasoftware.deploy.model.ConfigKey
import org.lavasoftware.deploy.model.InstanceConfig
import org.lavasoftware.deploy.model.InstanceLayout
import org.lavasoftware.deploy.model.InstanceName
import org.lavasoftware.deploy.model.LavaRoot
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

/** What code/current's build selects is what the service manager runs. */
class BuildSelectionSpec extends Specification {
    Path dir = LinkSafeTempDir.create()
    InstanceLayout layout = new InstanceLayout(new LavaRoot(dir), InstanceName.of('bo-sel'))

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "programs for a build #build with LAVA_SCHEDULER_ENABLED=#enabled: #programs"() {
        given: 'code/current pointing at a revision, built or not'
        Path tree = Files.createDirectories(layout.codeDir().resolve('r1'))
        Files.createSymbolicLink(layout.currentCode(), Path.of('r1'))
        if (build != 'none') {
            new RevisionBuild('/i/custom.cfg', ['lava-server'], build == 'with lava-scheduler', []).write(tree)
        }
        InstanceConfig config = InstanceConfig.fresh(layout.name(), dir.resolve('instances').toString())
                .set(ConfigKey.LAVA_SCHEDULER_ENABLED, enabled).set(ConfigKey.LAVA_PUBLISHER_PORT, '8101')
                .set(ConfigKey.LAVA_EVENT_PORT, '5500')

        when:
        def defined = InstanceServices.programs(layout, config, 'lava-bo-sel')

        then:
        defined*.name().collect { it - 'lava-bo-sel-' } == programs
        defined[0].command()[1] == (build == 'none' ? '/usr/bin/gunicorn3' : layout.currentCode().resolve('bin/lava-wsgi').toString())

        where:
        build                    | enabled || programs
        'none'                   | 'yes'   || ['web', 'scheduler', 'publisher']
        'none'                   | 'no'    || ['web', 'publisher']
        'with lava-scheduler'    | 'yes'   || ['web', 'scheduler', 'publisher']
        'with lava-scheduler'    | 'no'    || ['web', 'publisher']
        'without lava-scheduler' | 'yes'   || ['web', 'publisher']
    }

    def "what was built is read back as written"() {
        given:
        def built = new RevisionBuild('/srv/lava/instances/x/custom.cfg', ['lava-server', 'bo-ext'], false, ['boext'],
                ['lava-server': '2023.01', 'bo-ext': '0.3'])

        when:
        built.write(dir)

        then:
        RevisionBuild.of(dir).get() == built
        RevisionBuild.of(dir).get().versions() == ['lava-server': '2023.01', 'bo-ext': '0.3']
        RevisionBuild.of(dir.resolve('nothing')).isEmpty()
    }

    def "the settings module adds the eggs' applications to LAVA's, once each"() {
        when:
        String module = BuildScripts.settingsModule(['boext', 'other'], '/i/custom.cfg')

        then:
        module.contains('from lava_server.settings.prod import *')
        module.contains('INSTALLED_APPS = list(_LAVA_APPS) + [a for a in ["boext", "other"] if a not in _LAVA_APPS]')
    }
}
