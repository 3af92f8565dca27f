package org.lavasoftware.deploy.engine.operations.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.SetupState;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.model.WebMode;

/**
 * {@code toggle_all MODE} for the instances {@link WebModes} chose (and locked): each one's Apache
 * files, checked one instance at a time so that Apache's refusal names the instance, which is then
 * left as it was; one graceful reload for all; then each one's settings and web program, a request
 * through Apache, and its mode in instance.conf. It runs on the root's journal: a toggle_all
 * interrupted is finished by running it again, which switches what was not recorded yet.
 */
public final class ToggleAllOperation implements Operation {
    public static final String KIND = "toggle_all";
    private final WebMode mode;
    private final List<InstanceName> names;
    private final Map<String, String> rejected = new LinkedHashMap<>();

    public ToggleAllOperation(WebMode mode, List<InstanceName> names) {
        this.mode = mode;
        this.names = List.copyOf(names);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The root's operation: its lock and journal; the instances' locks are taken by {@link WebModes}. */
    @Override
    public InstanceName instance() {
        return null;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("mode", mode.value());
        p.put("names", String.join(",", names.stream().map(InstanceName::value).toList()));
        return p;
    }

    @Override
    public boolean resumesByRunningAgain() {
        return true;
    }

    @Override
    public void check(OperationContext context) {
        SetupState.require(context.root());
    }

    /** The instances whose new configuration Apache refused, with its message; after the run. */
    public Map<String, String> rejected() {
        return Map.copyOf(rejected);
    }

    @Override
    public Plan plan(OperationContext context) {
        List<ModeSwitchSteps> switches = new ArrayList<>();
        for (InstanceName name : names) {
            InstanceWeb web = InstanceWeb.of(context, context.root().instance(name));
            // the mode each instance is put back in when the switch fails: its recorded one when planned
            WebMode from = WebMode.parse(context.facts().text("from-" + name, () -> WebMode.of(web.config()).value()));
            switches.add(new ModeSwitchSteps(web, from, mode, rejected));
        }
        Plan.Builder plan = new Plan.Builder("switch of " + names.size() + " instance" + (names.size() == 1 ? "" : "s")
                + " to " + mode);
        switches.forEach(s -> plan.add(s.apache(false)));
        Machine machine = Machine.of(context);
        plan.add(Step.named("reload Apache once for all of them")
                .shows("apache2ctl graceful (unless Apache refused every new configuration)")
                .does(() -> {
                    if (rejected.size() < names.size()) {
                        InstanceWeb.reloadApache(machine, context.reporter()::info);
                    }
                })
                .build());
        switches.forEach(s -> plan.add(s.settings()));
        switches.forEach(s -> plan.add(s.awaitServing()));
        switches.forEach(s -> plan.add(s.record()));
        return plan.build();
    }

    public static final class Factory implements OperationFactory {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new ToggleAllOperation(WebMode.parse(parameters.get("mode")),
                    Arrays.stream(parameters.getOrDefault("names", "").split(",")).filter(n -> !n.isEmpty())
                            .map(InstanceName::of).toList());
        }
    }
}
