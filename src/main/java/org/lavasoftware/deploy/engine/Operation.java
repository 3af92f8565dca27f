package org.lavasoftware.deploy.engine;

import java.util.Map;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * An operation on one instance: a kind, the parameters that rebuild it, and its plan. The plan is
 * rebuilt from the kind and parameters after a crash, so building it must not depend on anything
 * but them and the machine's state.
 */
public interface Operation {
    String kind();

    /** The instance acted on; null for operations on the machine and root (setup). */
    InstanceName instance();

    /** Enough to rebuild the operation for recovery; no secrets (the journal is a plain file). */
    Map<String, String> parameters();

    Plan plan(OperationContext context);

    /** Install and remove change which instances exist: they also hold the root's lock. */
    default boolean changesInstanceSet() {
        return false;
    }

    /**
     * Refuses bad input before anything changes (and in --dry-run too): an existing name, a
     * missing file, a host another instance serves. Throws a ToolException saying what to do.
     */
    default void check(OperationContext context) {
    }

    /**
     * Whether an interrupted run of this operation is finished by simply running it again (its
     * steps converge), instead of needing {@code recover}.
     */
    default boolean resumesByRunningAgain() {
        return false;
    }

    /** Asks what must be asked before running (not in --dry-run); false stops the operation. */
    default boolean confirm(Plan plan, Prompter prompter) {
        return true;
    }
}
