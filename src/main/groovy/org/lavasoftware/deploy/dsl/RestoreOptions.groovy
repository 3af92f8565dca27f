package org.lavasoftware.deploy.dsl

import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.engine.operations.restore.RestoreSettings
import org.lavasoftware.deploy.model.InstanceName
import org.lavasoftware.deploy.model.LavaRoot
import org.lavasoftware.deploy.snapshot.SnapshotResolver

/** Turns the options of {@code instance('x').restore(from: ...)} into what the engine restores. */
final class RestoreOptions {
    private static final Set<String> KNOWN = ['from', 'stop', 'asIs', 'neutralize'] as Set

    private RestoreOptions() {
    }

    static RestoreSettings settings(LavaRoot root, InstanceName target, Map options, boolean databaseOnly) {
        def unknown = options.keySet().collect { it.toString() } - KNOWN
        if (unknown) {
            throw ToolException.badInput("restore does not know ${unknown.join(', ')}; it takes ${KNOWN.join(', ')}")
        }
        if (!options.from) {
            throw ToolException.badInput("restore needs from: SNAPSHOT (an id, latest, other/id, other/latest or a path)")
        }
        def snapshot = SnapshotResolver.of(root, target).resolve(options.from.toString())
        new RestoreSettings(target, snapshot.dir().toAbsolutePath(), options.from.toString(), databaseOnly,
                options.stop as boolean, options.asIs as boolean, options.neutralize as boolean)
    }
}
