package org.lavasoftware.deploy.engine.operations.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.buildout.BuildoutConfig;
import org.lavasoftware.deploy.engine.operations.build.DebianTreeConfig;
import org.lavasoftware.deploy.model.InstanceLayout;

/**
 * The config a converted instance is built from, which its custom.cfg extends: the file
 * {@code config=} names (relative to the instance's directory, or absolute), else {@code lava.cfg}
 * in the instance's directory describing Debian's tree (written when missing, as the
 * limited-deployment recipe does).
 *
 * @param file     the config
 * @param extended what custom.cfg's {@code extends} says: a name beside it, or the absolute path
 * @param missing  the text to write into {@code file} first, or null when it exists
 */
public record TargetConfig(Path file, String extended, String missing) {
    public static final String CUSTOM = "custom.cfg";

    public static TargetConfig of(InstanceLayout layout, String setting) {
        Path dir = layout.dir();
        if (setting == null || setting.isBlank()) {
            Path lava = dir.resolve(DebianTreeConfig.FILE);
            return new TargetConfig(lava, DebianTreeConfig.FILE, Files.isRegularFile(lava) ? null
                    : DebianTreeConfig.text("lava-deployment-tool convert"));
        }
        Path file = dir.resolve(setting.strip()).normalize();
        if (!Files.isRegularFile(file)) {
            throw ToolException.badInput("config " + setting.strip() + " names " + file + ", which is no file; "
                    + "give a buildout config (relative to " + dir + ", or absolute), or none for " + DebianTreeConfig.FILE);
        }
        if (file.equals(dir.resolve(CUSTOM))) {
            throw ToolException.badInput("the conversion writes " + file + " itself, extending the target config: "
                    + "give the config it should extend");
        }
        return new TargetConfig(file, dir.equals(file.getParent()) ? file.getFileName().toString() : file.toString(),
                null);
    }

    /** The config as loaded; a missing lava.cfg is read from its text, in a scratch directory. */
    public BuildoutConfig load() {
        if (missing == null) {
            return BuildoutConfig.load(file);
        }
        return withScratch(dir -> BuildoutConfig.load(write(dir.resolve(file.getFileName()), missing)));
    }

    /** The eggs of every part, as the build reads them. */
    public List<String> eggs() {
        BuildoutConfig config = load();
        List<String> eggs = new ArrayList<>();
        for (String part : config.parts()) {
            if (config.hasSection(part) && config.option(part, "eggs").isPresent()) {
                eggs.addAll(config.eggs(part));
            }
        }
        return eggs;
    }

    /** The part that gets the eggs added back: the first one with eggs. */
    public String part() {
        BuildoutConfig config = load();
        return config.parts().stream().filter(p -> config.hasSection(p) && config.option(p, "eggs").isPresent())
                .findFirst().orElseThrow(() -> ToolException.badInput(file + " has no part with eggs "
                        + "([buildout] parts, and an eggs option in one of them): nothing to build the instance from"));
    }

    /** {@code custom} loaded as if it were written beside this config (it extends this one by absolute path there). */
    public BuildoutConfig loadCustom(String custom) {
        return withScratch(dir -> {
            Path base = missing == null ? file : write(dir.resolve(file.getFileName()), missing);
            String text = custom.replaceFirst("(?m)^extends = .*$", java.util.regex.Matcher.quoteReplacement(
                    "extends = " + base));
            return BuildoutConfig.load(write(dir.resolve(CUSTOM), text));
        });
    }

    private interface InScratch<T> {
        T apply(Path dir);
    }

    private static <T> T withScratch(InScratch<T> action) {
        Path dir;
        try {
            dir = Files.createTempDirectory("ldt-convert-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch directory: " + e.getMessage(), e);
        }
        try {
            return action.apply(dir);
        } finally {
            Filesystem.deleteTree(dir);
        }
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
