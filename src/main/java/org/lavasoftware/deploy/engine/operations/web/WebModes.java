package org.lavasoftware.deploy.engine.operations.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.web.MachineName;
import org.lavasoftware.deploy.engine.Engine;
import org.lavasoftware.deploy.engine.InstanceLock;
import org.lavasoftware.deploy.engine.Journal;
import org.lavasoftware.deploy.engine.JournalState;
import org.lavasoftware.deploy.engine.operations.SetupState;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.model.LavaRoot;
import org.lavasoftware.deploy.model.WebMode;

/** {@code toggle} and {@code toggle_all}, as the command line, the shell and recipes ask for them. */
public final class WebModes {
    public enum Outcome { SWITCHED, PLANNED, ALREADY, FAILED, SKIPPED }

    /** What became of one instance: its URL in the mode asked for, and why it was not switched. */
    public record Result(String name, Outcome outcome, WebMode mode, String url, String reason) {
        public Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", name);
            fields.put("result", outcome.name().toLowerCase());
            fields.put("mode", mode.value());
            fields.put("url", url);
            fields.put("reason", reason);
            return fields;
        }
    }

    private WebModes() {
    }

    /** Switches one instance; one in that mode already is left alone, which the result says. */
    public static Result toggle(Engine engine, InstanceName name, WebMode mode) {
        InstanceLayout layout = engine.existing(name);
        ToggleOperation.requireSwitchable(engine.root(), layout);
        InstanceConfig config = InstanceConfigStore.load(layout).config();
        WebMode from = WebMode.of(config);
        if (from == mode) {
            return new Result(name.value(), Outcome.ALREADY, mode, WebAddress.url(config, mode), null);
        }
        engine.execute(new ToggleOperation(name, from, mode));
        warnIfMachineNameTaken(engine, mode);
        return new Result(name.value(), engine.isDryRun() ? Outcome.PLANNED : Outcome.SWITCHED, mode,
                WebAddress.url(config, mode), null);
    }

    /**
     * Switches every instance of the root not in {@code mode} yet, Apache reloaded once. One that
     * cannot be switched (busy, interrupted, refused by Apache) is reported and left as it was.
     */
    public static List<Result> toggleAll(Engine engine, WebMode mode) {
        LavaRoot root = engine.root();
        SetupState.require(root);
        List<Result> results = new ArrayList<>();
        List<InstanceLock> locks = new ArrayList<>();
        try {
            if (!engine.isDryRun()) {
                locks.add(InstanceLock.acquire(root.lockFile(), "the instance list of " + root.path(), "toggle_all",
                        engine.settings().lockWait(), engine.reporter()::info));
            }
            Set<String> unfinished = unfinishedBefore(root);
            List<InstanceName> chosen = new ArrayList<>();
            for (InstanceName name : root.instanceNames()) {
                Result early = choose(engine, name, mode, unfinished.contains(name.value()), locks);
                if (early == null) {
                    chosen.add(name);
                } else {
                    results.add(early);
                }
            }
            requireUnfinishedChosen(results, unfinished);
            if (chosen.isEmpty() && !unfinished.isEmpty() && !engine.isDryRun()) {
                // an interrupted toggle_all whose instances are all switched, or gone: nothing is left to finish
                engine.reporter().info("finishing the interrupted toggle_all: none of its instances is left to switch");
                forgetInterrupted(root);
            }
            if (!chosen.isEmpty()) {
                ToggleAllOperation operation = new ToggleAllOperation(mode, chosen);
                engine.execute(operation);
                warnIfMachineNameTaken(engine, mode);
                Map<String, String> rejected = operation.rejected();
                for (InstanceName name : chosen) {
                    String url = WebAddress.url(InstanceConfigStore.load(root.instance(name)).config(), mode);
                    Outcome outcome = engine.isDryRun() ? Outcome.PLANNED
                            : rejected.containsKey(name.value()) ? Outcome.FAILED : Outcome.SWITCHED;
                    results.add(new Result(name.value(), outcome, mode, url, rejected.get(name.value())));
                }
            }
        } finally {
            locks.forEach(InstanceLock::close);
        }
        results.sort((a, b) -> a.name().compareTo(b.name()));
        return results;
    }

    /**
     * An instance an interrupted toggle_all was switching may be half switched (its Apache files, not
     * its settings): running again finishes it, so it may not be left out for being busy or
     * interrupted. One without a web part any more cannot be switched at all, and is.
     */
    private static void requireUnfinishedChosen(List<Result> early, Set<String> unfinished) {
        for (Result result : early) {
            if (unfinished.contains(result.name()) && result.outcome() == Outcome.FAILED) {
                throw ToolException.unexpectedState("the interrupted toggle_all was switching " + result.name()
                        + ", which cannot be switched now: " + result.reason() + "; run toggle_all again once it can");
            }
        }
    }

    private static void forgetInterrupted(LavaRoot root) {
        try {
            java.nio.file.Files.deleteIfExists(root.setupJournal());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot remove " + root.setupJournal() + ": " + e.getMessage(), e);
        }
    }

    /** Null when the instance is to be switched (its lock then held); otherwise why not. */
    private static Result choose(Engine engine, InstanceName name, WebMode mode, boolean unfinished,
                                 List<InstanceLock> locks) {
        InstanceLayout layout = engine.root().instance(name);
        InstanceConfig config;
        try {
            config = InstanceConfigStore.load(layout).config();
        } catch (ToolException e) {
            return new Result(name.value(), Outcome.FAILED, mode, null, e.getMessage());
        }
        String missing = InstanceWeb.missingWebPart(layout, config);
        if (missing != null) {
            return new Result(name.value(), Outcome.SKIPPED, mode, null, "no web part: " + missing);
        }
        if (WebMode.of(config) == mode && !unfinished) {
            return new Result(name.value(), Outcome.ALREADY, mode, WebAddress.url(config, mode), null);
        }
        var interrupted = engine.interrupted(name);
        if (interrupted.isPresent()) {
            return new Result(name.value(), Outcome.FAILED, mode, null, "it has " + interrupted.get().describe()
                    + "; run `lava-deployment-tool recover " + name + "` first");
        }
        if (!engine.isDryRun()) {
            try {
                locks.add(engine.lock(layout, "toggle_all"));
            } catch (ToolException e) {
                return new Result(name.value(), Outcome.FAILED, mode, null, e.getMessage());
            }
        }
        return null;
    }

    /**
     * The default site answers only the names no virtual host claims: when an instance in vhost
     * mode has the machine's name (the first install's default), http://MACHINE/NAME/ reaches it.
     */
    private static void warnIfMachineNameTaken(Engine engine, WebMode mode) {
        if (mode != WebMode.LOCATION) {
            return;
        }
        String machine = MachineName.get();
        for (InstanceName name : engine.root().instanceNames()) {
            try {
                InstanceConfig config = InstanceConfigStore.load(engine.root().instance(name)).config();
                if (WebMode.of(config) == WebMode.VHOST && config.get(ConfigKey.LAVA_APACHE_VHOST).equalsIgnoreCase(machine)) {
                    engine.reporter().warn("instance " + name + " is the virtual host of " + machine + ": http://" + machine
                            + "/NAME/ reaches it, not the default site; use the machine's address, or give " + name
                            + " another host");
                }
            } catch (ToolException e) {
                // an unreadable instance.conf is reported by the commands about that instance
            }
        }
    }

    /** The instances of an interrupted toggle_all: switched again whatever their recorded mode. */
    private static Set<String> unfinishedBefore(LavaRoot root) {
        return Journal.read(root.setupJournal()).filter(j -> j.kind().equals(ToggleAllOperation.KIND))
                .map(JournalState::parameters)
                .map(p -> Arrays.stream(p.getOrDefault("names", "").split(",")).collect(Collectors.toSet()))
                .orElse(Set.of());
    }
}
