package org.lavasoftware.deploy.engine.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.Prompter;
import org.lavasoftware.deploy.model.InstanceName;

/** {@code setup}: prepares the machine for instances (see {@link SetupSteps}). */
public final class SetupOperation implements Operation {
    public static final String KIND = "setup";
    private final String version;

    /** {@code version}: the LAVA release whose dependencies to install; null for the newest. */
    public SetupOperation(String version) {
        this.version = version;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Setup acts on the machine and the root, not on an instance. */
    @Override
    public InstanceName instance() {
        return null;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        if (version != null) {
            p.put("version", version);
        }
        return p;
    }

    @Override
    public void check(OperationContext context) {
        RootAccess.requireTraversable(context.root());
    }

    @Override
    public Plan plan(OperationContext context) {
        return new Plan.Builder("setup of " + context.root().path())
                .addAll(SetupSteps.steps(context, version))
                .note("setup's steps converge and are not undone: after a failure, fix the cause and run setup again")
                .build();
    }

    @Override
    public boolean confirm(Plan plan, Prompter prompter) {
        return prompter.confirm(String.join("\n", plan.describe()) + "\nGo ahead with setup?");
    }

    @Override
    public boolean resumesByRunningAgain() {
        return true;
    }

    public static final class Factory implements OperationFactory {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new SetupOperation(parameters.get("version"));
        }
    }
}
