package org.lavasoftware.deploy.dsl

import org.lavasoftware.deploy.ToolException

/** The named options of a primitive: one that it does not take is refused, naming those it does. */
final class DslOptions {
    private DslOptions() {
    }

    static void refuseUnknown(String primitive, Map options, Collection<String> known) {
        def unknown = options.keySet().collect { it.toString() } - known
        if (unknown) {
            throw ToolException.badInput("${primitive} does not know the option${unknown.size() > 1 ? 's' : ''} "
                    + "${unknown.join(', ')}; it takes ${known.join(', ')}")
        }
    }
}
