package org.lavasoftware.deploy.engine.operations;

import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.services.ServiceManager;
import org.lavasoftware.deploy.adapters.services.ServiceState;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;

/** {@code start}, {@code stop} and {@code restart} of an instance's services. */
public final class ServiceOperation implements Operation {
    public enum Action { START, STOP, RESTART }

    private final InstanceName name;
    private final Action action;

    public ServiceOperation(InstanceName name, Action action) {
        this.name = name;
        this.action = action;
    }

    @Override
    public String kind() {
        return action.name().toLowerCase();
    }

    @Override
    public InstanceName instance() {
        return name;
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("name", name.value());
    }

    @Override
    public void check(OperationContext context) {
        SetupState.require(context.root());
        if (!context.layout().exists()) {
            throw ToolException.badInput("no instance named " + name + "; `lava-deployment-tool list` shows the instances");
        }
        String group = InstanceServices.group(context.layout());
        if (!Machine.of(context).services().isRegistered(group)) {
            throw ToolException.badInput("instance " + name + " has no services to " + kind()
                    + " (it was not installed by this tool)");
        }
    }

    @Override
    public Plan plan(OperationContext context) {
        ServiceManager services = Machine.of(context).services();
        String group = InstanceServices.group(context.layout());
        // the undo puts the programs back as they were, which the journal keeps: after a crash they are as
        // the operation left them
        List<String> up = context.facts().list("up-programs", () -> upPrograms(services, context.layout()));
        Step.Builder step = Step.named(kind() + " the services of " + name).shows(services.kind() + " group " + group);
        switch (action) {
            case START -> step.does(() -> services.start(group)).undoes("stop them again", () -> {
                // those it may have started: known to the service manager (stopping another fails), not up before
                Map<String, ServiceState> now = services.states();
                List<String> started = InstanceServices.programNames(context.layout()).stream()
                        .filter(p -> now.containsKey(p) && !up.contains(p)).toList();
                if (!started.isEmpty()) {
                    services.stop(group, started);
                }
            });
            case STOP -> step.does(() -> services.stop(group)).undoes("start them again", () -> startAgain(services, group, up));
            // a restart killed between its stop and its start left the programs stopped
            default -> step.does(() -> services.restart(group))
                    .undoes("start again those that ran", () -> startAgain(services, group, up));
        }
        return new Plan(kind() + " of " + name, List.of(step.build()));
    }

    private static void startAgain(ServiceManager services, String group, List<String> up) {
        if (!up.isEmpty()) {
            services.start(group, up);
        }
    }

    /** The instance's programs the service manager runs (or is starting) now. */
    static List<String> upPrograms(ServiceManager services, InstanceLayout layout) {
        Map<String, ServiceState> states = services.states();
        return InstanceServices.programNames(layout).stream()
                .filter(p -> states.containsKey(p) && states.get(p).isUp()).toList();
    }

    public static final class Factory implements OperationFactory {
        private final Action action;

        public Factory(Action action) {
            this.action = action;
        }

        @Override
        public String kind() {
            return action.name().toLowerCase();
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new ServiceOperation(InstanceName.of(parameters.get("name")), action);
        }
    }
}
