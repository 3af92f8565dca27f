package org.lavasoftware.deploy.dsl

import java.nio.file.Path
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.engine.operations.InstallDefaults
import org.lavasoftware.deploy.engine.operations.InstallSettings
import org.lavasoftware.deploy.model.InstanceName
import org.lavasoftware.deploy.model.LavaRoot

/** Turns the options of {@code instance('x').install(...)} into what the engine installs. */
final class InstallOptions {
    private static final Set<String> KNOWN = ['source', 'version', 'vhost', 'https', 'cert', 'key', 'dev', 'scheduler', 'buildout', 'worker'] as Set

    private InstallOptions() {
    }

    static InstallSettings settings(LavaRoot root, InstanceName name, Map options) {
        DslOptions.refuseUnknown('install', options, KNOWN)
        boolean https = options.https as boolean
        Path cert = options.cert ? Path.of(options.cert.toString()).toAbsolutePath() : null
        Path key = options.key ? Path.of(options.key.toString()).toAbsolutePath() : null
        if ((cert == null) != (key == null)) {
            throw ToolException.badInput('install: cert and key go together')
        }
        def mode = !https && cert == null ? InstallSettings.Https.NONE
                : cert == null ? InstallSettings.Https.SELF_SIGNED : InstallSettings.Https.CERTIFICATE
        new InstallSettings(name, options.source?.toString() ?: 'debian:lava-server', options.version?.toString(), options.vhost?.toString() ?: InstallDefaults.host(root, name),
                mode, cert, key, options.dev?.toString(), options.containsKey('scheduler') ? options.scheduler as boolean : true,
                InstallDefaults.needsSetup(root)).withBuildout(options.buildout?.toString())
                .withWorker(options.containsKey('worker') ? options.worker as boolean : true)
    }
}
