package org.lavasoftware.deploy.engine.operations.upgrade;

import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.Reporter;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.jobs.JobReport;
import org.lavasoftware.deploy.engine.operations.jobs.SmokeCheck;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceLayout;

/**
 * The last proof of an upgrade, for an instance with a QEMU device on its local worker: the smoke
 * job runs on the new revision (server and worker both) and must be Complete with every test case
 * passing. It is the upgrade's point of no return: a job that fails undoes the upgrade like any
 * other failed step.
 */
final class JobCheckStep {
    private final SmokeCheck check;

    JobCheckStep(InstanceLayout layout, InstanceConfig config, Machine machine, Reporter reporter) {
        this.check = new SmokeCheck(layout, config, machine, reporter);
    }

    Step step(String revision) {
        return Step.named("run the smoke job on " + revision)
                .shows("the smoke job submitted through the instance's API to a QEMU device of its local worker, followed to"
                        + " its end (at most " + SmokeCheck.LIMIT.toMinutes() + " minutes): Complete with every test case"
                        + " passing, otherwise everything above is undone; --no-job-check leaves it out")
                .does(() -> {
                    JobReport report = check.run(SmokeCheck.LIMIT);
                    if (!report.passed()) {
                        throw ToolException.failed("the smoke job on " + revision + " did not pass: "
                                + String.join("; ", report.describe()));
                    }
                })
                .pointOfNoReturn()
                .build();
    }
}
