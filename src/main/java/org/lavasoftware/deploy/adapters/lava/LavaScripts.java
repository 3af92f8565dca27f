package org.lavasoftware.deploy.adapters.lava;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.ShellAssignments;

/**
 * The instance's own commands, in its {@code bin/} as the classic anatomy had them:
 * {@code lava-env} runs anything with the instance's environment and nothing else;
 * {@code lava-server manage ...} runs LAVA's management commands with it.
 */
public final class LavaScripts {
    private final InstanceLayout layout;

    public LavaScripts(InstanceLayout layout) {
        this.layout = layout;
    }

    public Path binDir() {
        return layout.dir().resolve("bin");
    }

    public Path lavaEnv() {
        return binDir().resolve("lava-env");
    }

    public Path lavaServer() {
        return binDir().resolve("lava-server");
    }

    /** The environment file: shell assignments, sourced by lava-env. */
    public static String envFile(Map<String, String> env) {
        StringBuilder out = new StringBuilder("# environment of the instance's processes, written by lava-deployment-tool\n");
        env.forEach((k, v) -> out.append(ShellAssignments.assignment(k, v)).append('\n'));
        return out.toString();
    }

    /** Names another database of the instance's role for one command (a restore's staging copy). */
    public static final String DATABASE_OVERRIDE = "LAVA_DEPLOYMENT_TOOL_DATABASE";

    /** Names another static files directory for one command (collectstatic of a new revision). */
    public static final String STATIC_OVERRIDE = "LAVA_DEPLOYMENT_TOOL_STATIC_ROOT";

    /** Runs one command with another revision's code (before code/current points at it). */
    public static final String CODE_OVERRIDE = "LAVA_DEPLOYMENT_TOOL_PYTHONPATH";

    public String lavaEnvScript(Path envFile) {
        String home = ShellAssignments.quote(layout.dir().toString());
        return "#!/bin/sh\n"
                + "# written by lava-deployment-tool for instance " + layout.name() + ": runs a command with the\n"
                + "# instance's environment and nothing inherited, but DJANGO_SUPERUSER_* (createsuperuser\n"
                + "# --noinput), TERM (interactive commands), " + DATABASE_OVERRIDE + " (a restore\n"
                + "# working on its staging copy of the database), " + STATIC_OVERRIDE + " and\n"
                + "# " + CODE_OVERRIDE + " (a new revision's static files and migrations).\n"
                + "for v in $(env | sed -n 's/^\\([A-Za-z_][A-Za-z0-9_]*\\)=.*/\\1/p'); do\n"
                + "    case \"$v\" in DJANGO_SUPERUSER_*|TERM|LAVA_DEPLOYMENT_TOOL_*) ;; *) unset \"$v\" 2>/dev/null ;; esac\n"
                + "done\n"
                + "export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=" + home + " LANG=C.UTF-8\n"
                + "set -a\n"
                + ". " + ShellAssignments.quote(envFile.toString()) + "\n"
                + "set +a\n"
                + "if [ -n \"$" + DATABASE_OVERRIDE + "\" ]; then\n"
                + "    DATABASE_URL=\"${DATABASE_URL%/*}/$" + DATABASE_OVERRIDE + "\"\n"
                + "    unset " + DATABASE_OVERRIDE + "\n"
                + "fi\n"
                + "if [ -n \"$" + STATIC_OVERRIDE + "\" ]; then\n"
                + "    LAVA_SETTINGS_STATIC_ROOT=\"$" + STATIC_OVERRIDE + "\"\n"
                + "    unset " + STATIC_OVERRIDE + "\n"
                + "fi\n"
                + "if [ -n \"$" + CODE_OVERRIDE + "\" ]; then\n"
                + "    PYTHONPATH=\"$" + CODE_OVERRIDE + "\"\n"
                + "    unset " + CODE_OVERRIDE + "\n"
                + "fi\n"
                + "exec \"$@\"\n";
    }

    /** code/current's own lava-server, when its revision was built from a buildout config. */
    private Path built() {
        return layout.currentCode().resolve("bin/lava-server");
    }

    public String lavaServerScript() {
        return "#!/bin/sh\n"
                + "# written by lava-deployment-tool for instance " + layout.name() + ":\n"
                + "# `lava-server manage COMMAND [ARGS]` runs a LAVA management command with the instance's settings.\n"
                + "if [ \"$1\" != manage ]; then\n"
                + "    echo \"usage: lava-server manage COMMAND [ARGS...]\" >&2\n"
                + "    exit 2\n"
                + "fi\n"
                + "# a revision built from a buildout config has its own, with its venv and eggs\n"
                + "if [ -x " + ShellAssignments.quote(built().toString()) + " ] && [ -z \"$" + CODE_OVERRIDE + "\" ]; then\n"
                + "    exec " + ShellAssignments.quote(built().toString()) + " \"$@\"\n"
                + "fi\n"
                + "shift\n"
                + "exec " + ShellAssignments.quote(lavaEnv().toString()) + " /usr/bin/python3 -m django \"$@\"\n";
    }

    /** The argument list of {@code lava-server manage ARGS}. */
    public List<String> manage(List<String> args) {
        List<String> argv = new ArrayList<>(List.of(lavaServer().toString(), "manage"));
        argv.addAll(args);
        return argv;
    }
}
