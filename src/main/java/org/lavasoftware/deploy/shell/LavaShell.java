package org.lavasoftware.deploy.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.lavasoftware.deploy.cli.CliContext;
import org.lavasoftware.deploy.cli.Commands;
import org.lavasoftware.deploy.dsl.DslReference;
import org.lavasoftware.deploy.dsl.DslRuntime;
import org.lavasoftware.deploy.model.InstanceName;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The interactive shell. A line whose first word is a command runs as that command would on the
 * command line; any other line is DSL code, evaluated in one session so variables persist.
 */
public final class LavaShell {
    private static final String PROMPT = "lava> ";
    private final CliContext context;

    public LavaShell(CliContext context) {
        this.context = context;
    }

    public int run() {
        try (Terminal terminal = TerminalBuilder.builder().name("lava-deployment-tool").system(true).build()) {
            return loop(terminal);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    private int loop(Terminal terminal) {
        CommandSpec commands = Commands.commandLine(context).getCommandSpec();
        DslRuntime dsl = new DslRuntime(context.engine(), Map.of(), context.out())
                .loadExtensions(context.dslDirectories());
        // commands typed in the shell run the hooks its DSL loaded, rather than loading them again
        context.useHooks(dsl.getHooks());
        Set<String> commandNames = new TreeSet<>(commands.subcommands().keySet());
        commandNames.addAll(List.of("exit", "help"));
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("lava-deployment-tool")
                .parser(new ShellParser())
                .completer(new ShellCompleter(vocabulary(commands, commandNames, dsl)))
                .highlighter(new ShellHighlighter(() -> known(commandNames, dsl)))
                .variable(LineReader.HISTORY_FILE, historyFile())
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P ...  ")
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        LineReader questions = LineReaderBuilder.builder().terminal(terminal)
                .variable(LineReader.DISABLE_HISTORY, true).build();
        context.usePrompter(new ShellPrompter(questions, context.options().yes()));
        PrintStream out = context.out();
        out.println("lava-deployment-tool shell on " + context.root().path()
                + ": commands as on the command line, or DSL code; `help`, Tab to complete, Ctrl-D to leave.");
        int status = 0;
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.equals("exit") || trimmed.equals("quit")) {
                break;
            }
            status = dispatch(trimmed, commandNames, dsl);
        }
        saveHistory(reader);
        return status;
    }

    private int dispatch(String line, Set<String> commandNames, DslRuntime dsl) {
        String first = line.split("\\s+", 2)[0];
        try {
            if (first.equals("help") && line.equals("help")) {
                Commands.commandLine(context).usage(context.out());
                context.out().println();
                context.out().print(DslReference.asText());
                return 0;
            }
            if (commandNames.contains(first) || first.startsWith("-")) {
                CliContext lineContext = context.forShellLine();
                String[] args = ShellWords.split(line).toArray(String[]::new);
                return Commands.commandLine(lineContext, args).execute(args);
            }
            Object result = dsl.evaluate(line);
            if (result != null) {
                context.out().println("==> " + result);
            }
            return 0;
        } catch (RuntimeException e) {
            return Commands.report(e, context);
        }
    }

    private ShellCompleter.Vocabulary vocabulary(CommandSpec commands, Set<String> commandNames, DslRuntime dsl) {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        commands.subcommands().forEach((name, sub) -> {
            kinds.put(name, positionalLabels(sub.getCommandSpec()));
            if (!sub.getSubcommands().isEmpty()) {
                kinds.put(name, List.of(ShellCompleter.VERBS + String.join(",", sub.getSubcommands().keySet())));
                sub.getSubcommands().forEach((verb, command) -> kinds.put(name + " " + verb, positionalLabels(command.getCommandSpec())));
            }
        });
        return new ShellCompleter.Vocabulary(
                () -> commandNames,
                dsl::primitiveNames,
                () -> instanceMembers(dsl),
                this::instanceNames,
                instance -> List.of(),
                ShellCompleter.kindsFrom(kinds));
    }

    private static List<String> positionalLabels(CommandSpec command) {
        List<String> labels = new ArrayList<>();
        for (PositionalParamSpec p : command.positionalParameters()) {
            labels.add(p.paramLabel());
        }
        return labels;
    }

    private Collection<String> instanceNames() {
        return context.root().instanceNames().stream().map(InstanceName::value).toList();
    }

    private static Collection<String> instanceMembers(DslRuntime dsl) {
        Set<String> members = new TreeSet<>();
        DslReference.instancePrimitives().forEach(e -> members.add(e.getCompletion()));
        members.addAll(dsl.getContext().getRegistry().instancePrimitiveNames());
        return members;
    }

    private static Set<String> known(Set<String> commandNames, DslRuntime dsl) {
        Set<String> words = new TreeSet<>(commandNames);
        words.addAll(dsl.primitiveNames());
        return words;
    }

    private Path historyFile() {
        Path dir = context.userConfigDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            context.err().println("warning: no history: cannot create " + dir + ": " + e.getMessage());
        }
        return dir.resolve("history");
    }

    private void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            context.err().println("warning: cannot save the history: " + e.getMessage());
        }
    }
}
