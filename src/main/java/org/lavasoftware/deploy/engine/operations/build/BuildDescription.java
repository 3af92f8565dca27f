package org.lavasoftware.deploy.engine.operations.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.lavasoftware.deploy.buildout.BuildoutConfig;
import org.lavasoftware.deploy.buildout.Contribution;
import org.lavasoftware.deploy.buildout.Operator;
import org.lavasoftware.deploy.buildout.OptionValue;
import org.lavasoftware.deploy.buildout.Origin;

/**
 * What a resolved buildout config asks of a revision: the eggs of its parts, the develop
 * checkouts (those it names and the component branches in the tree's {@code local/}, as the
 * classic tool picked them up), the version pins, each with the file and line it came from.
 */
public record BuildDescription(Path config, List<String> files, List<String> parts, List<Egg> eggs,
                               List<Develop> develop, Map<String, Pin> pins) {

    /** An egg a part asks for, and the line that put it in the list. */
    public record Egg(Requirement requirement, Origin origin) {
        public String name() {
            return requirement.name();
        }
    }

    /** A checkout installed in development mode; {@code origin} is null for one found in local/. */
    public record Develop(Path path, Origin origin) {
        public String from() {
            return origin == null ? "local/" : origin.toString();
        }
    }

    public record Pin(String version, Origin origin) {
    }

    /** The part whose presence in the eggs brings the scheduler service. */
    public static final String SCHEDULER_EGG = "lava-scheduler";

    public static BuildDescription of(BuildoutConfig config, Path tree) {
        List<String> parts = config.parts();
        Map<String, Egg> eggs = new LinkedHashMap<>();
        for (String part : parts) {
            if (!config.hasSection(part) || config.option(part, "eggs").isEmpty()) {
                continue; // a part without eggs (a config file, a cron job) installs none
            }
            OptionValue value = config.option(part, "eggs").get();
            for (String line : value.lines()) {
                Requirement requirement = Requirement.parse(line);
                if (!requirement.name().isEmpty()) {
                    eggs.putIfAbsent(requirement.key(), new Egg(requirement, originOf(value, line)));
                }
            }
        }
        List<Develop> develop = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        config.option("buildout", "develop").ifPresent(value -> {
            List<Path> paths = config.develop();
            for (Path p : paths) {
                if (seen.add(p)) {
                    develop.add(new Develop(p, value.origins().get(value.origins().size() - 1)));
                }
            }
        });
        for (Path p : localCheckouts(tree)) {
            if (seen.add(p)) {
                develop.add(new Develop(p, null));
            }
        }
        Map<String, Pin> pins = new LinkedHashMap<>();
        String versions = config.versionsSection();
        config.versions().forEach((project, version) -> pins.put(Requirement.normalize(project),
                new Pin(version, config.option(versions, project).map(v -> v.origins().get(v.origins().size() - 1))
                        .orElse(Origin.DEFAULT))));
        return new BuildDescription(config.file(), config.files().stream().map(Path::toString).toList(), parts,
                List.copyOf(eggs.values()), develop, pins);
    }

    public boolean selects(String egg) {
        return eggs.stream().anyMatch(e -> e.requirement().key().equals(Requirement.normalize(egg)));
    }

    /** The line that added {@code line} last: its assignment or the {@code +=} that brought it. */
    private static Origin originOf(OptionValue value, String line) {
        Origin found = value.origins().isEmpty() ? Origin.DEFAULT : value.origins().get(0);
        for (Contribution c : value.contributions()) {
            if (c.operator() != Operator.REMOVE && c.text().lines().map(String::strip).anyMatch(line::equals)) {
                found = c.origin();
            }
        }
        return found;
    }

    /** Component branches (directories, or links to them) in the tree's local/ that can be installed. */
    static List<Path> localCheckouts(Path tree) {
        Path local = tree.resolve("local");
        if (!Files.isDirectory(local)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(local)) {
            return entries.filter(Files::isDirectory).filter(BuildDescription::installable).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + local + ": " + e.getMessage(), e);
        }
    }

    static boolean installable(Path dir) {
        return Stream.of("setup.py", "pyproject.toml", "setup.cfg").anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    /** What decides the build: two configs with the same fingerprint build the same revision. */
    public String fingerprint() {
        StringBuilder s = new StringBuilder();
        eggs.forEach(e -> s.append("egg ").append(e.requirement().line()).append('\n'));
        develop.forEach(d -> s.append("develop ").append(d.path()).append('\n'));
        pins.forEach((k, v) -> s.append("pin ").append(k).append('=').append(v.version()).append('\n'));
        return Fingerprint.of(s.toString());
    }
}
