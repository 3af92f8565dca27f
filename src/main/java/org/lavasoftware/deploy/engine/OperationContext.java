package org.lavasoftware.deploy.engine;

import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.LavaRoot;

/**
 * What the steps of one operation work with: the machine, the log, the user, and the facts its
 * plan saw ({@link PlanFacts}: every choice a plan makes from the machine's state goes through
 * them, so that a recovery rebuilds the same plan).
 */
public record OperationContext(LavaRoot root, InstanceLayout layout, ProcessRunner runner, OperationLog log,
                               Reporter reporter, Prompter prompter, boolean dryRun, PlanFacts facts) {
}
