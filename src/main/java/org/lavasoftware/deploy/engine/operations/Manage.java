package org.lavasoftware.deploy.engine.operations;

import java.util.List;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.ExecResult;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.engine.Engine;
import org.lavasoftware.deploy.engine.OperationLog;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * {@code manage NAME ARGS}: LAVA's management commands, as the instance's user, with its
 * settings: on the user's terminal (createsuperuser prompts, runserver), or captured for recipes.
 */
public final class Manage {
    private Manage() {
    }

    /** Runs on the terminal and returns the command's exit status. */
    public static int onTerminal(Engine engine, InstanceName name, List<String> args) {
        InstanceLayout layout = ready(engine, name);
        try (OperationLog log = engine.openLog(name)) {
            return runner(engine, log).interactive(files(engine, layout, log).manage(args));
        }
    }

    /** Runs and returns what it printed; a failure is an error carrying the command's last words. */
    public static String capture(Engine engine, InstanceName name, List<String> args) {
        InstanceLayout layout = ready(engine, name);
        try (OperationLog log = engine.openLog(name)) {
            ExecResult result = runner(engine, log).runAllowingFailure(files(engine, layout, log).manage(args));
            if (!result.succeeded()) {
                throw ToolException.failed("lava-server manage " + String.join(" ", args) + " failed (exit "
                        + result.exitCode() + "): " + result.lastErrorLine());
            }
            return result.stdout();
        }
    }

    private static InstanceLayout ready(Engine engine, InstanceName name) {
        SetupState.require(engine.root());
        InstanceLayout layout = engine.existing(name);
        engine.refuseIfInterrupted(name);
        return layout;
    }

    private static ProcessRunner runner(Engine engine, OperationLog log) {
        return new ProcessRunner(engine.privilege(), log);
    }

    private static InstanceFiles files(Engine engine, InstanceLayout layout, OperationLog log) {
        return new InstanceFiles(layout, InstanceConfigStore.load(layout).config(),
                Machine.of(engine.root(), runner(engine, log)));
    }
}
