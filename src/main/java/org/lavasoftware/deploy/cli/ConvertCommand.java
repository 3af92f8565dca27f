package org.lavasoftware.deploy.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.operations.convert.ConvertOnCopy;
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
    "would be dropped; recipes/pip-to-buildout.lava runs it.",
    "--on-copy rehearses it first, as the classic advice had it: NAME is copied (a snapshot, restored into a new",
    "instance, neutralized, made pip-based with NAME's venv and settings) and the copy converted; NAME is only read."})
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

    @Option(names = "--on-copy", description = "Convert a pip-based copy of NAME (NAME-copy, or --copy), not NAME.")
    private boolean onCopy;

    @Option(names = "--copy", paramLabel = "NAME2", description = "The copy's name (implies --on-copy; it must not exist).")
    private String copy;

    @Option(names = "--copy-vhost", paramLabel = "HOST", description = "The copy's virtual host (default: install's default).")
    private String copyVhost;

    @Override
    protected int run(CliContext context) {
        InstanceName instance = InstanceName.of(name);
        if (onCopy || copy != null || copyVhost != null) {
            return runOnCopy(context, instance);
        }
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

    private int runOnCopy(CliContext context, InstanceName instance) {
        if (noBackup) {
            throw ToolException.badInput("--no-backup and --on-copy exclude each other: the copy is made from a snapshot of " + name);
        }
        ConvertOnCopy.Done done = ConvertOnCopy.run(context.engine(), instance, copy, copyVhost, revno, config);
        if (context.options().json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("instance", name);
            out.put("copy", done.copy().value());
            out.put("revision", done.revision());
            out.put("dryRun", context.options().dryRun);
            out.put("packages", done.packages());
            context.out().println(Json.write(out));
        } else if (!context.options().dryRun) {
            context.err().println(done.copy() + ": a copy of " + instance + ", converted to " + done.revision() + "; " + instance
                    + " is untouched: `lava-deployment-tool convert " + instance + "` converts it, `lava-deployment-tool remove "
                    + done.copy() + "` removes the copy");
        }
        return 0;
    }
}
