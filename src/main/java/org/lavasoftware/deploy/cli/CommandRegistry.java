package org.lavasoftware.deploy.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every verb of the command line, in one place. Building a verb's picocli model costs
 * milliseconds of reflection, so a command line gets only the verb it names; help, completion and
 * a line without a known verb get them all.
 */
final class CommandRegistry {
    private static final Map<String, Supplier<Object>> VERBS = new LinkedHashMap<>();

    static {
        VERBS.put("setup", SetupCommand::new);
        VERBS.put("install", InstallCommand::new);
        VERBS.put("remove", RemoveCommand::new);
        VERBS.put("manage", ManageCommand::new);
        VERBS.put("start", ServiceCommand.Start::new);
        VERBS.put("stop", ServiceCommand.Stop::new);
        VERBS.put("restart", ServiceCommand.Restart::new);
        VERBS.put("status", StatusCommand::new);
        VERBS.put("upgrade", UpgradeCommand::new);
        VERBS.put("rollback", RollbackCommand::new);
        VERBS.put("develop", DevelopCommand::new);
        VERBS.put("convert", ConvertCommand::new);
        VERBS.put("buildout", BuildoutCommand::new);
        VERBS.put("toggle", ToggleCommand::new);
        VERBS.put("toggle_all", ToggleAllCommand::new);
        VERBS.put("backup", BackupCommand::new);
        VERBS.put("restore", RestoreCommand::new);
        VERBS.put("restore-db", RestoreCommand.DatabaseOnly::new);
        VERBS.put("snapshots", SnapshotsCommand::new);
        VERBS.put("verify", VerifyCommand::new);
        VERBS.put("prune", PruneCommand::new);
        VERBS.put("list", ListCommand::new);
        VERBS.put("device", DeviceCommand::new);
        VERBS.put("worker", WorkerCommand::new);
        VERBS.put("check", CheckCommand::new);
        VERBS.put("recover", RecoverCommand::new);
        VERBS.put("run", RunCommand::new);
        VERBS.put("dsl-reference", DslReferenceCommand::new);
        VERBS.put("shell", ShellCommand::new);
        VERBS.put("version", VersionCommand::new);
        VERBS.put("help", CommandLine.HelpCommand::new);
        VERBS.put("__cds-training", CdsTrainingCommand::new);
    }

    private CommandRegistry() {
    }

    static Set<String> names() {
        return VERBS.keySet();
    }

    /** Adds to {@code top} the verb {@code args} name, or all verbs when that is needed. */
    static void addFor(CommandLine top, String[] args) {
        String verb = verbOf(top, args);
        if (verb == null || verb.equals("help") || !VERBS.containsKey(verb)) {
            addAll(top);
        } else {
            add(top, verb, VERBS.get(verb));
        }
    }

    static void addAll(CommandLine top) {
        VERBS.forEach((name, make) -> add(top, name, make));
        CommandSummaries.summarizeCommandList(top);
    }

    private static void add(CommandLine top, String name, Supplier<Object> make) {
        top.addSubcommand(name, make.get());
        CommandLine command = top.getSubcommands().get(name);
        CommandSummaries.joinDescription(command);
        if (!command.getSubcommands().isEmpty()) {
            // a command of commands (device, worker): its verbs read as the top's do
            command.getSubcommands().values().forEach(CommandSummaries::joinDescription);
            CommandSummaries.summarizeCommandList(command);
        }
        if (name.equals("manage")) {
            // everything after NAME belongs to LAVA's command, options included
            top.getSubcommands().get(name).setStopAtPositional(true);
        }
    }

    /** The first argument that is not a global option or its value. */
    private static String verbOf(CommandLine top, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                return arg;
            }
            if (List.of("-h", "--help", "-V", "--version").contains(arg)) {
                return null;
            }
            OptionSpec option = top.getCommandSpec().findOption(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
            if (option != null && option.arity().max() > 0 && !arg.contains("=")) {
                i++;
            }
        }
        return null;
    }
}
