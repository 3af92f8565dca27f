package org.lavasoftware.deploy.engine.operations.jobs;

import java.util.function.Function;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.engine.Engine;
import org.lavasoftware.deploy.engine.OperationLog;
import org.lavasoftware.deploy.engine.operations.InstanceHealth;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.SetupState;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * Jobs of an instance as recipes submit and follow them (the DSL's {@code submit}): each call goes
 * through the instance's API as the tool's user, its commands in the instance's log.
 */
public final class Jobs {
    private Jobs() {
    }

    /** Runs {@code call} with a watch on the instance's jobs; the instance must exist and be set up. */
    public static <T> T with(Engine engine, InstanceName name, Function<JobWatch, T> call) {
        SetupState.require(engine.root());
        InstanceLayout layout = engine.existing(name);
        InstanceConfig config = InstanceConfigStore.load(layout).config();
        try (OperationLog log = engine.openLog(name)) {
            Machine machine = Machine.of(engine.root(), new ProcessRunner(engine.privilege(), log));
            return call.apply(new JobWatch(new ApiAccess(layout, config, machine), InstanceHealth.url(config),
                    engine.reporter()::info));
        }
    }
}
