package org.lavasoftware.deploy.cli;

import java.util.ArrayList;
import java.util.List;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.operations.ServiceOperation;
import org.lavasoftware.deploy.model.InstanceName;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** start, stop and restart: the same shape, for one or more instances or all of them. */
abstract class ServiceCommand extends PrivilegedCommand {
    @Parameters(paramLabel = "NAME", arity = "0..*", description = "The instances.")
    private List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Every instance.")
    private boolean all;

    protected abstract ServiceOperation.Action action();

    @Override
    protected int run(CliContext context) {
        List<InstanceName> targets = targets(context, names, all);
        for (InstanceName name : targets) {
            context.engine().execute(new ServiceOperation(name, action()));
            if (!context.options().dryRun) {
                context.err().println(name + ": " + action().name().toLowerCase() + " done");
            }
        }
        return 0;
    }

    static List<InstanceName> targets(CliContext context, List<String> names, boolean all) {
        if (all == !names.isEmpty()) {
            throw ToolException.badInput("name the instances, or pass --all");
        }
        return all ? context.root().instanceNames() : names.stream().map(InstanceName::of).toList();
    }

    @picocli.CommandLine.Command(name = "start", description = "Start the services of instances.")
    static final class Start extends ServiceCommand {
        @Override
        protected ServiceOperation.Action action() {
            return ServiceOperation.Action.START;
        }
    }

    @picocli.CommandLine.Command(name = "stop", description = "Stop the services of instances.")
    static final class Stop extends ServiceCommand {
        @Override
        protected ServiceOperation.Action action() {
            return ServiceOperation.Action.STOP;
        }
    }

    @picocli.CommandLine.Command(name = "restart", description = "Restart the services of instances.")
    static final class Restart extends ServiceCommand {
        @Override
        protected ServiceOperation.Action action() {
            return ServiceOperation.Action.RESTART;
        }
    }
}
