package org.lavasoftware.deploy.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lavasoftware.deploy.engine.operations.convert.ConvertOperation;
import org.lavasoftware.deploy.engine.operations.convert.ConvertTarget;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.text.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "convert", description = {
    "Convert a pip-based instance (a virtualenv at its root) to the code/REV layout: pip freeze recorded in",
    "last-pip-installed-versions.txt, what the target config (--config, default lava.cfg describing Debian's tree)",
    "would drop packed for an offline build and added back by a custom.cfg extending it, then an upgrade to",
    "that build (LAVA_BUILDOUT_CFG=../../custom.cfg); the venv is removed only once the page answers through",
    "Apache, and any failure before puts the instance back on its venv. --dry-run shows the plan and what",
    "would be dropped; recipes/pip-to-buildout.lava runs it."})
final class ConvertCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The pip-based instance.")
    private String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REVNO", description = "A revision of its source (default the newest).")
    private String revno;

    @Option(names = "--config", paramLabel = "CFG",
            description = "The buildout config custom.cfg extends (relative to the instance's directory, or absolute).")
    private String config;

    @Option(names = "--no-backup", description = "Skip the snapshot taken first.")
    private boolean noBackup;

    @Override
    protected int run(CliContext context) {
        InstanceName instance = InstanceName.of(name);
        context.engine().refuseIfInterrupted(instance);
        ConvertTarget.Decided decided = ConvertTarget.resolve(context.engine(), instance, revno, config, !noBackup);
        context.engine().execute(new ConvertOperation(decided.settings()));
        if (context.options().json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("instance", name);
            out.put("revision", decided.settings().build().revision());
            out.put("dryRun", context.options().dryRun);
            out.put("packages", decided.packages());
            context.out().println(Json.write(out));
        } else if (!context.options().dryRun) {
            context.err().println(instance + ": converted to " + decided.settings().build().revision()
                    + (decided.analysis().dropped().isEmpty() ? "" : ", keeping " + String.join(", ",
                    decided.analysis().dropped().stream().map(p -> p.name()).toList())));
        }
        return 0;
    }
}
