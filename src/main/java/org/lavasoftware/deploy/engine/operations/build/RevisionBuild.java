package org.lavasoftware.deploy.engine.operations.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.lavasoftware.deploy.io.AtomicFile;

/**
 * What was built for a revision from a buildout config, kept in the revision's tree
 * ({@code code/REV/.lava-build}): the config, the eggs, whether the scheduler is among them, the
 * Django applications the eggs brought. A revision without it was deployed as its tree is.
 */
public record RevisionBuild(String config, List<String> eggs, boolean scheduler, List<String> apps) {
    static final String FILE = ".lava-build";

    public static Path venv(Path tree) {
        return tree.resolve("venv");
    }

    public static Path bin(Path tree) {
        return tree.resolve("bin");
    }

    public static Optional<RevisionBuild> of(Path tree) {
        Path file = tree.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(new RevisionBuild(p.getProperty("config", ""), split(p.getProperty("eggs", "")),
                Boolean.parseBoolean(p.getProperty("scheduler", "true")), split(p.getProperty("apps", ""))));
    }

    public void write(Path tree) {
        StringBuilder s = new StringBuilder("# what lava-deployment-tool built for this revision\n");
        s.append("config=").append(config.replace("\\", "\\\\")).append('\n')
                .append("eggs=").append(String.join(",", eggs)).append('\n')
                .append("scheduler=").append(scheduler).append('\n')
                .append("apps=").append(String.join(",", apps)).append('\n');
        AtomicFile.write(tree.resolve(FILE), s.toString(), "rw-r--r--");
    }

    /** Whether two revisions run in the same Python environment (a graceful reload is then enough). */
    public static boolean sameRuntime(Path a, Path b) {
        return of(a).isEmpty() && of(b).isEmpty();
    }

    private static List<String> split(String s) {
        return s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::strip).toList();
    }
}
