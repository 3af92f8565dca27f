package org.lavasoftware.deploy.buildout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lavasoftware.deploy.ToolException;

/**
 * A buildout configuration as zc.buildout would see it: the file loaded, every file it extends
 * merged in, {@code +=} and {@code -=} applied and {@code ${section:option}} references substituted.
 * Each value keeps the lines it came from, so a listing can show where it was set.
 *
 * <p>Nothing is installed or run here: this is the configuration language only. Errors are
 * one-line {@link ToolException#badInput} messages naming the file and line at fault.
 */
public final class BuildoutConfig {
    private static final String BUILDOUT = "buildout";

    private final Path file;
    private final List<Path> files;
    private final Map<String, Map<String, OptionValue>> raw;
    private final Substitutions substitutions;

    private BuildoutConfig(Path file, List<Path> files, Map<String, Map<String, OptionValue>> raw) {
        this.file = file;
        this.files = List.copyOf(files);
        this.raw = raw;
        this.substitutions = new Substitutions(raw);
    }

    /** Loads {@code file} and everything it extends. */
    public static BuildoutConfig load(Path file) {
        Path root = file.toAbsolutePath().normalize();
        List<ConfigFile> read = ExtendsResolver.resolve(root);
        Map<String, Map<String, OptionValue>> sections =
                ConfigMerger.merge(read, BuildoutDefaults.start(root.getParent()));
        BuildoutDefaults.absolutize(sections.get(BUILDOUT), root.getParent());
        List<Path> paths = new ArrayList<>(new LinkedHashSet<>(read.stream().map(ConfigFile::path).toList()));
        BuildoutConfig config = new BuildoutConfig(root, paths, sections);
        // buildout sets up its own section and the version pins before anything else, so their
        // errors surface on loading whatever is asked next
        config.section(BUILDOUT);
        config.versions();
        return config;
    }

    /** The file that was loaded. */
    public Path file() {
        return file;
    }

    /** Every file read, each once, in the order merged: extended files before those extending them. */
    public List<Path> files() {
        return files;
    }

    /** The buildout directory, {@code [buildout] directory}: by default that of the loaded file. */
    public Path directory() {
        return file.getParent().resolve(requiredOption(BUILDOUT, "directory").text().strip()).normalize();
    }

    public List<String> sectionNames() {
        return List.copyOf(raw.keySet());
    }

    public boolean hasSection(String name) {
        return raw.containsKey(name);
    }

    /** A section with every option substituted; refused when no file defines it. */
    public BuildoutSection section(String name) {
        Map<String, OptionValue> options = raw.get(name);
        if (options == null) {
            throw ToolException.badInput("no section [" + name + "] in " + file.getFileName()
                    + " or the files it extends; sections are: " + String.join(", ", raw.keySet()));
        }
        Map<String, OptionValue> substituted = new LinkedHashMap<>();
        options.keySet().forEach(key -> substituted.put(key, substitutions.value(name, key)));
        return new BuildoutSection(name, substituted);
    }

    public List<BuildoutSection> sections() {
        return raw.keySet().stream().map(this::section).toList();
    }

    /** One option, substituted, or empty when its section does not define it. */
    public Optional<OptionValue> option(String section, String key) {
        return Optional.ofNullable(substitutions.value(section, key));
    }

    /** {@code [buildout] parts}: the parts to install, in order. */
    public List<String> parts() {
        return option(BUILDOUT, "parts").map(OptionValue::words).orElse(List.of());
    }

    /**
     * {@code [buildout] develop}: the source checkouts to install in development mode. As buildout
     * does, relative paths are taken from the buildout directory, whichever file names them.
     */
    public List<Path> develop() {
        Path directory = directory();
        return option(BUILDOUT, "develop").map(OptionValue::words).orElse(List.of()).stream()
                .map(path -> directory.resolve(path).normalize()).toList();
    }

    /**
     * The eggs of a part as zc.recipe.egg reads them: one requirement per line (a line such as
     * {@code lava-server >= 2013.01} is one requirement), and the part's own name when the section
     * has no {@code eggs} option.
     */
    public List<String> eggs(String sectionName) {
        section(sectionName);
        return option(sectionName, "eggs").map(OptionValue::lines).orElse(List.of(sectionName));
    }

    /** The section of the version pins: {@code [buildout] versions}, else {@code versions}; empty for none. */
    public String versionsSection() {
        return option(BUILDOUT, "versions").map(value -> value.text().strip()).orElse("versions");
    }

    /** The version pins, project name to version, as written in the versions section. */
    public Map<String, String> versions() {
        String name = versionsSection();
        Optional<OptionValue> named = option(BUILDOUT, "versions");
        if (!raw.containsKey(name)) {
            // buildout makes an empty [versions] when nothing names another section
            if (name.isEmpty() || named.isEmpty()) {
                return Map.of();
            }
            throw ToolException.badInput(named.get().origins().get(0) + ": versions = " + name
                    + " names section [" + name + "], which no file defines; add it or name the section of the pins");
        }
        Map<String, String> pins = new LinkedHashMap<>();
        section(name).options().forEach((project, version) -> pins.put(project, version.text().strip()));
        return pins;
    }

    private OptionValue requiredOption(String section, String key) {
        return option(section, key).orElseThrow(() -> ToolException.badInput(
                "[" + section + "] " + key + " is not set in " + file.getFileName()));
    }
}
