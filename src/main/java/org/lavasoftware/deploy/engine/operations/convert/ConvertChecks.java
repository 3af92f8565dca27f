package org.lavasoftware.deploy.engine.operations.convert;

import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.operations.InstanceServices;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.Revisions;
import org.lavasoftware.deploy.model.InstanceLayout;

/** What a conversion refuses before it changes anything: an instance that is not pip-based. */
final class ConvertChecks {
    private ConvertChecks() {
    }

    static void requireConvertible(InstanceLayout layout, Machine machine) {
        String name = layout.name().value();
        if (!layout.exists()) {
            throw ToolException.badInput("no instance named " + name + "; `lava-deployment-tool list` shows the instances");
        }
        var current = new Revisions(layout).current();
        if (current.isPresent()) {
            throw ToolException.badInput(name + " runs from code/current already (revision " + current.get()
                    + "): it is not a pip-based instance, nothing to convert");
        }
        if (LegacyTree.of(layout).isEmpty()) {
            throw ToolException.badInput(name + " has no virtualenv at its root (bin/python, lib/python3.*/site-packages):"
                    + " it is not a pip-based instance, nothing to convert");
        }
        if (!machine.services().isRegistered(InstanceServices.group(layout))) {
            throw ToolException.badInput("instance " + name + " has no services of this tool (" + InstanceServices.group(layout)
                    + "); it must run under this tool's instance layout to be converted");
        }
    }
}
