package org.lavasoftware.deploy.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes, before or after its name: declared once on the top command
 * and inherited by all the others.
 */
public final class GlobalOptions {
    @Option(names = "--root", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Where instances live (default: $LAVA_ROOT, else /srv/lava).")
    Path root;

    @Option(names = {"-n", "--dry-run"}, scope = ScopeType.INHERIT,
            description = "Print the plan (commands, SQL, files) and change nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, scope = ScopeType.INHERIT,
            description = "Answer every question with its default; for scripts.")
    boolean yes;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print data as JSON, for other programs.")
    boolean json;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show commands and their output as they run, and stack traces of errors.")
    boolean debug;

    @Option(names = "--wait", paramLabel = "SECONDS", scope = ScopeType.INHERIT, defaultValue = "0",
            description = "Wait this long for a busy instance instead of refusing at once.")
    long waitSeconds;

    void copyFrom(GlobalOptions other) {
        root = other.root;
        dryRun = other.dryRun;
        yes = other.yes;
        json = other.json;
        debug = other.debug;
        waitSeconds = other.waitSeconds;
    }

    public boolean yes() {
        return yes;
    }

    public boolean debug() {
        return debug;
    }
}
