package org.lavasoftware.deploy.engine.operations.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.InstanceLock;
import org.lavasoftware.deploy.engine.Journal;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.operations.SetupState;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.model.LavaRoot;
import org.lavasoftware.deploy.model.WebMode;

/**
 * {@code toggle NAME vhost|location}: Apache first (checked, then reloaded), then LAVA's settings
 * and the web program, then a request through Apache, then the mode in instance.conf. A failure
 * at any step puts the instance back as it was served; {@code recover} does the same after a crash.
 */
public final class ToggleOperation implements Operation {
    public static final String KIND = "toggle";
    private final InstanceName name;
    private final WebMode from;
    private final WebMode to;

    public ToggleOperation(InstanceName name, WebMode from, WebMode to) {
        this.name = name;
        this.from = from;
        this.to = to;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public InstanceName instance() {
        return name;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", name.value());
        p.put("from", from.value());
        p.put("to", to.value());
        return p;
    }

    /** Checked again under the instance's lock: another toggle may have switched it meanwhile. */
    @Override
    public void check(OperationContext context) {
        requireSwitchable(context.root(), context.layout());
        WebMode now = WebMode.of(InstanceConfigStore.load(context.layout()).config());
        if (now != from) {
            throw ToolException.failed("instance " + name + " is served as " + now + " now, not " + from
                    + " (switched meanwhile?); run the command again");
        }
    }

    /** What toggle and toggle_all refuse: no such instance, no web part, an interrupted toggle_all. */
    static void requireSwitchable(LavaRoot root, InstanceLayout layout) {
        SetupState.require(root);
        if (!layout.exists()) {
            throw ToolException.badInput("no instance named " + layout.name() + " under " + root.path()
                    + "; `lava-deployment-tool list` shows the instances");
        }
        String missing = InstanceWeb.missingWebPart(layout, InstanceConfigStore.load(layout).config());
        if (missing != null) {
            throw ToolException.badInput("instance " + layout.name() + " has no web part to switch: " + missing);
        }
        Journal.read(root.setupJournal()).filter(j -> j.kind().equals(ToggleAllOperation.KIND)).ifPresent(j -> {
            if (InstanceLock.holder(root.lockFile()).isPresent()) {
                throw ToolException.failed("a toggle_all is switching the instances of " + root.path()
                        + "; wait for it to finish");
            }
            throw ToolException.unexpectedState("a toggle_all was interrupted under " + root.path()
                    + "; finish it first: run `lava-deployment-tool toggle_all " + j.parameters().get("mode") + "` again");
        });
    }

    @Override
    public Plan plan(OperationContext context) {
        ModeSwitchSteps steps = new ModeSwitchSteps(InstanceWeb.of(context, context.layout()), from, to, null);
        return new Plan.Builder("switch of " + name + " from " + from + " to " + to)
                .add(steps.apache(true))
                .add(steps.settings())
                .add(steps.awaitServing())
                .add(steps.record())
                .build();
    }

    public static final class Factory implements OperationFactory {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new ToggleOperation(InstanceName.of(parameters.get("name")), WebMode.parse(parameters.get("from")),
                    WebMode.parse(parameters.get("to")));
        }
    }
}
