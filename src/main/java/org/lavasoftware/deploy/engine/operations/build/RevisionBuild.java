package org.lavasoftware.deploy.engine.operations.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.lavasoftware.deploy.io.AtomicFile;

/**
 * What was built for a revision from a buildout config, kept in the revision's tree
 * ({@code code/REV/.lava-build}): the config, the eggs, whether the scheduler is among them, the
 * Django applications the eggs brought, and the version each egg was found at (what a production
 * config pins). A revision without it was deployed as its tree is.
 */
public record RevisionBuild(String config, List<String> eggs, boolean scheduler, List<String> apps,
                            Map<String, String> versions) {

    public RevisionBuild(String config, List<String> eggs, boolean scheduler, List<String> apps) {
        this(config, eggs, scheduler, apps, Map.of());
    }

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
                Boolean.parseBoolean(p.getProperty("scheduler", "true")), split(p.getProperty("apps", "")),
                versions(p.getProperty("versions", ""))));
    }

    public void write(Path tree) {
        StringBuilder s = new StringBuilder("# what lava-deployment-tool built for this revision\n");
        s.append("config=").append(config.replace("\\", "\\\\")).append('\n')
                .append("eggs=").append(String.join(",", eggs)).append('\n')
                .append("scheduler=").append(scheduler).append('\n')
                .append("apps=").append(String.join(",", apps)).append('\n')
                .append("versions=").append(String.join(",", versions.entrySet().stream()
                        .map(e -> e.getKey() + "==" + e.getValue()).toList())).append('\n');
        AtomicFile.write(tree.resolve(FILE), s.toString(), "rw-r--r--");
    }

    /** Whether two revisions run in the same Python environment (a graceful reload is then enough). */
    public static boolean sameRuntime(Path a, Path b) {
        return of(a).isEmpty() && of(b).isEmpty();
    }

    private static Map<String, String> versions(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : split(s)) {
            int eq = pair.indexOf("==");
            if (eq > 0) {
                m.put(pair.substring(0, eq), pair.substring(eq + 2));
            }
        }
        return m;
    }

    private static List<String> split(String s) {
        return s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::strip).toList();
    }
}
