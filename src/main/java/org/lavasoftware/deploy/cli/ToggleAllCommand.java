package org.lavasoftware.deploy.cli;

import java.util.List;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.operations.web.WebModes;
import org.lavasoftware.deploy.engine.operations.web.WebModes.Outcome;
import org.lavasoftware.deploy.model.WebMode;
import org.lavasoftware.deploy.text.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "toggle_all", description = {
    "Switch every instance to vhost or location (see toggle), reloading Apache once. Prints what became",
    "of each instance; one that cannot be switched is left as it was, and the exit status is then 1."})
final class ToggleAllCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "MODE", description = "vhost or location.")
    private String mode;

    @Override
    protected int run(CliContext context) {
        WebMode target = WebMode.parse(mode);
        List<WebModes.Result> results = WebModes.toggleAll(context.engine(), target);
        if (context.options().json) {
            context.out().println(Json.write(results.stream().map(WebModes.Result::fields).toList()));
        } else if (results.isEmpty()) {
            context.err().println("no instances under " + context.root().path());
        } else {
            results.stream().filter(r -> r.outcome() != Outcome.PLANNED).forEach(r -> context.err().println(line(r)));
        }
        List<String> failed = results.stream().filter(r -> r.outcome() == Outcome.FAILED).map(WebModes.Result::name).toList();
        if (!failed.isEmpty()) {
            throw ToolException.failed("could not switch " + String.join(", ", failed) + " to " + target
                    + ", left as " + (failed.size() == 1 ? "it was" : "they were") + "; the other instances are as reported");
        }
        return 0;
    }

    private static String line(WebModes.Result r) {
        return r.name() + ": " + switch (r.outcome()) {
            case SWITCHED -> "switched to " + r.mode() + ", at " + r.url();
            case ALREADY -> "already " + r.mode() + ", at " + r.url();
            case SKIPPED -> "skipped (" + r.reason() + ")";
            default -> "NOT switched: " + r.reason();
        };
    }
}
