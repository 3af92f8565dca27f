package org.lavasoftware.deploy.engine.operations.upgrade;

import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.operations.InstanceServices;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.Revisions;
import org.lavasoftware.deploy.engine.operations.convert.LegacyTree;

/** What upgrade and rollback refuse before they change anything. */
final class UpgradeChecks {
    private final OperationContext context;

    UpgradeChecks(OperationContext context) {
        this.context = context;
    }

    void requireUpgradable() {
        if (!context.layout().exists()) {
            throw ToolException.badInput("no instance named " + context.layout().name()
                    + "; `lava-deployment-tool list` shows the instances");
        }
        if (!Machine.of(context).services().isRegistered(InstanceServices.group(context.layout()))) {
            throw ToolException.badInput("instance " + context.layout().name()
                    + " was not installed by this tool; install it first");
        }
        if (new Revisions(context.layout()).current().isEmpty()
                && LegacyTree.of(context.layout()).isPresent()) {
            throw ToolException.unexpectedState("instance " + context.layout().name() + " is pip-based (a virtualenv at "
                    + "its root, no code/current): convert it first, `lava-deployment-tool convert "
                    + context.layout().name() + "` (recipes/pip-to-buildout.lava)");
        }
        if (new Revisions(context.layout()).current().isEmpty()) {
            throw ToolException.unexpectedState("instance " + context.layout().name() + " has no code/current; "
                    + "reinstall it, or point code/current at one of its revisions");
        }
    }
}
