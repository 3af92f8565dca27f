package org.lavasoftware.deploy.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.adapters.exec.Privilege;
import org.lavasoftware.deploy.engine.Engine;
import org.lavasoftware.deploy.engine.EngineSettings;
import org.lavasoftware.deploy.engine.OperationCatalog;
import org.lavasoftware.deploy.engine.OperationHooks;
import org.lavasoftware.deploy.engine.Prompter;
import org.lavasoftware.deploy.engine.Reporter;
import org.lavasoftware.deploy.model.LavaRoot;

/**
 * What a run of the command line works with: its streams, its environment, the options the user
 * gave. Builds the engine on first use, so commands that do not need one do not pay for it.
 */
public final class CliContext {
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Map<String, String> env;
    private final boolean interactive;
    private final GlobalOptions options = new GlobalOptions();
    private final boolean shellLine;
    private Prompter prompter;
    private Reporter reporter;
    private Engine engine;
    /** The site's hooks; null until the shell shares its own, else loaded on the first operation. */
    private OperationHooks hooks;

    public CliContext(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, boolean interactive) {
        this(out, err, in, env, interactive, false);
    }

    private CliContext(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, boolean interactive,
                       boolean shellLine) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.env = env;
        this.interactive = interactive;
        this.shellLine = shellLine;
    }

    /**
     * The context of one command typed in the shell: the shell's streams and way of asking, and
     * the shell's options as defaults that the line's own options override.
     */
    public CliContext forShellLine() {
        CliContext line = new CliContext(out, err, in, env, interactive, true);
        line.options.copyFrom(options);
        line.prompter = prompter;
        line.hooks = hooks;
        return line;
    }

    public boolean isShellLine() {
        return shellLine;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public InputStream in() {
        return in;
    }

    public Map<String, String> env() {
        return env;
    }

    public GlobalOptions options() {
        return options;
    }

    /** Whether a person is at a terminal (questions can be asked, progress drawn). */
    public boolean interactive() {
        return interactive;
    }

    public LavaRoot root() {
        if (options.root != null) {
            return new LavaRoot(options.root);
        }
        String fromEnv = env.get("LAVA_ROOT");
        return new LavaRoot(Path.of(fromEnv == null || fromEnv.isBlank() ? LavaRoot.DEFAULT : fromEnv));
    }

    /** The directory the tool was started from (its bundled dsl-scripts and recipes live there). */
    public Path home() {
        String home = System.getProperty("ldt.home");
        return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
    }

    /** Where extension scripts are loaded from, in order: bundled, system-wide, the user's own. */
    public List<Path> dslDirectories() {
        String etc = env.getOrDefault("LAVA_DEPLOYMENT_TOOL_ETC", "/etc/lava-deployment-tool");
        return List.of(home().resolve("dsl-scripts"), Path.of(etc, "dsl.d"), userConfigDir().resolve("dsl.d"));
    }

    /** {@code $XDG_CONFIG_HOME/lava-deployment-tool}, else {@code ~/.config/lava-deployment-tool}. */
    public Path userConfigDir() {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return base.resolve("lava-deployment-tool");
    }

    public Reporter reporter() {
        if (reporter == null) {
            reporter = new ConsoleReporter(out, err, interactive, options.debug);
        }
        return reporter;
    }

    /** Replaces how questions are asked (the shell asks through its own line reader). */
    public void usePrompter(Prompter custom) {
        this.prompter = custom;
    }

    public Prompter prompter() {
        if (prompter == null) {
            prompter = new ConsolePrompter(err, in, interactive, options.yes);
        }
        return prompter;
    }

    public Engine engine() {
        if (engine == null) {
            EngineSettings settings = new EngineSettings(root(), options.dryRun,
                    Duration.ofSeconds(Math.max(0, options.waitSeconds)), options.debug);
            engine = new Engine(settings, reporter(), prompter(), Privilege.detect(), OperationCatalog.standard())
                    .withHooks(hooks != null ? hooks : new ExtensionHooks(dslDirectories(), out));
        }
        return engine;
    }

    /** Makes commands run these hooks (the shell's, so that its scripts are loaded once). */
    public void useHooks(OperationHooks shared) {
        this.hooks = shared;
        this.engine = null;
    }

    /** Forgets the engine, so that options changed since (in the shell) take effect. */
    public void resetEngine() {
        engine = null;
        reporter = null;
    }
}
