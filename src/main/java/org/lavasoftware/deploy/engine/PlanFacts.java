package org.lavasoftware.deploy.engine;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What an operation saw of the machine when it planned, and what its steps learnt as they ran:
 * which services were running, the revision it switched from, the names it chose. Each fact is
 * written to the journal as soon as it is known (before the first step for what the plan saw), so
 * that {@code recover} rebuilds the very plan that ran from the journal, not from a machine the
 * operation itself had already changed when it was killed.
 *
 * <p>A fact is asked for with the question that finds it out: the first run asks the machine,
 * a recovery gets the journaled answer. Values must hold no secret: the journal is a plain file.
 */
public final class PlanFacts {
    private final Map<String, Optional<String>> values = new LinkedHashMap<>();
    private final Set<String> written = new LinkedHashSet<>();
    private final boolean replaying;
    private Journal journal;

    private PlanFacts(Map<String, Optional<String>> recorded, boolean replaying) {
        values.putAll(recorded);
        written.addAll(recorded.keySet());
        this.replaying = replaying;
    }

    /** The facts of an operation about to run: every question is asked of the machine. */
    public static PlanFacts observing() {
        return new PlanFacts(Map.of(), false);
    }

    /** The facts a journal recorded, for the recovery of its operation. */
    public static PlanFacts replaying(Map<String, Optional<String>> recorded) {
        return new PlanFacts(recorded, true);
    }

    /** Whether these facts come from a journal: the plan is rebuilt for a recovery. */
    public boolean isReplaying() {
        return replaying;
    }

    /** The answer recorded for {@code key}, or {@code observe}'s answer now (then recorded); may be null. */
    public String text(String key, Supplier<String> observe) {
        Optional<String> known = values.get(key);
        if (known != null) {
            return known.orElse(null);
        }
        String value = observe.get();
        record(key, value);
        return value;
    }

    public boolean flag(String key, BooleanSupplier observe) {
        return Boolean.parseBoolean(text(key, () -> Boolean.toString(observe.getAsBoolean())));
    }

    public List<String> list(String key, Supplier<List<String>> observe) {
        String joined = text(key, () -> String.join("\n", observe.get()));
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\n", -1));
    }

    /** Records what a step learnt or chose, replacing an earlier value: written to the journal at once. */
    public void record(String key, String value) {
        values.put(key, Optional.ofNullable(value));
        written.remove(key);
        flush();
    }

    /** From now on every new fact goes to {@code target}; those known already are written first. */
    void attach(Journal target) {
        this.journal = target;
        flush();
    }

    /** The facts known so far, in the order they were learnt. */
    Map<String, Optional<String>> all() {
        return Map.copyOf(values);
    }

    private void flush() {
        if (journal == null) {
            return;
        }
        values.forEach((key, value) -> {
            if (written.add(key)) {
                journal.fact(key, value.orElse(null));
            }
        });
    }
}
