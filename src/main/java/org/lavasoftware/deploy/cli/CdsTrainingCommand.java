package org.lavasoftware.deploy.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Not for users: the launcher runs it after a build, once per class-data-sharing archive, to
 * record the classes that the commands of that archive load; later start-ups map them instead of
 * loading them.
 */
@Command(name = "__cds-training", hidden = true)
final class CdsTrainingCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "core or dsl")
    private String archive;

    @Override
    public Integer call() throws IOException {
        Path root = Files.createTempDirectory("ldt-cds");
        try {
            Path instance = root.resolve("instances/training");
            Files.createDirectories(instance.resolve("code"));
            Files.writeString(instance.resolve("instance.conf"), "LAVA_CONFIG_VERSION='5'\nLAVA_WEB_MODE='vhost'\n");
            String r = root.toString();
            List<String[]> runs = new ArrayList<>();
            if (archive.equals("dsl")) {
                Path recipe = root.resolve("training.lava");
                Files.writeString(recipe, "instances().each { it.name }\nprintln 1\n");
                runs.add(new String[] {"--root", r, "run", recipe.toString()});
                runs.add(new String[] {"--root", r, "run", recipe.toString(), "name=x"});
                touchShellClasses();
            } else {
                runs.addAll(List.of(new String[][] {{"version"}, {"--json", "version"}, {"--root", r, "list"},
                    {"--root", r, "list", "--json"}, {"--help"}, {"list", "--help"}, {"--root", r, "recover", "training"},
                    {"--root", r, "list", "--bad-option"}}));
            }
            for (String[] args : runs) {
                PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
                Main.run(args, new CliContext(sink, sink, new ByteArrayInputStream(new byte[0]), Map.of(), false));
            }
        } finally {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException e) {
                // a temporary directory left behind harms nothing
            }
        }
        return 0;
    }

    private static void touchShellClasses() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().dumb(true).streams(new ByteArrayInputStream(new byte[0]),
                OutputStream.nullOutputStream()).build()) {
            LineReaderBuilder.builder().terminal(terminal).build();
        }
    }
}
