package org.lavasoftware.deploy.engine.operations;

import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.services.ServiceManager;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.Step;
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
        Step.Builder step = Step.named(kind() + " the services of " + name).shows(services.kind() + " group " + group);
        switch (action) {
            case START -> step.does(() -> services.start(group)).undoes("stop them again", () -> services.stop(group));
            case STOP -> step.does(() -> services.stop(group)).undoes("start them again", () -> services.start(group));
            default -> step.does(() -> services.restart(group));
        }
        return new Plan(kind() + " of " + name, java.util.List.of(step.build()));
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
