package org.lavasoftware.deploy.engine.operations.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.lava.LavaScripts;
import org.lavasoftware.deploy.adapters.lava.PythonRoot;
import org.lavasoftware.deploy.adapters.python.PythonBuilder;
import org.lavasoftware.deploy.buildout.BuildoutConfig;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.model.InstanceLayout;

/**
 * Realizes a buildout config for one revision, offline, in its tree: a venv on the system's
 * site-packages, the develop checkouts installed in it in editable mode, each egg found and its
 * pin checked, then the bin/ scripts and the settings module. Nothing outside code/REV changes,
 * so removing the tree undoes all of it.
 */
public final class RevisionBuilder {
    private final InstanceLayout layout;
    private final PythonBuilder python;

    public RevisionBuilder(InstanceLayout layout, Machine machine) {
        this.layout = layout;
        this.python = new PythonBuilder(machine.runner());
    }

    public Path tree(String revision) {
        return layout.codeDir().resolve(revision);
    }

    /** The build a revision's tree asks for under LAVA_BUILDOUT_CFG={@code setting}; empty: deployed as it is. */
    public Optional<BuildDescription> describe(String revision, String setting) {
        Path tree = tree(revision);
        return BuildoutLocation.locate(tree, setting).map(cfg -> BuildDescription.of(BuildoutConfig.load(cfg), tree));
    }

    /** Where downloaded distributions are looked for: {@code [buildout] download-cache}, else code/download-cache. */
    public Path downloadCache(BuildDescription build) {
        return BuildoutConfig.load(build.config()).option("buildout", "download-cache")
                .map(v -> build.config().getParent().resolve(v.text().strip()).normalize())
                .orElse(layout.codeDir().resolve("download-cache"));
    }

    /**
     * Component branches in the current tree's local/ come along to the new one (as links, so that
     * they stay the developer's checkouts), where they are picked up as develop eggs.
     */
    public void carryLocal(String from, String to) {
        Path source = tree(from).resolve("local");
        Path target = tree(to).resolve("local");
        if (from.equals(to) || !Files.isDirectory(source) || Files.exists(target)) {
            return;
        }
        Filesystem.directory(target, "rwxr-xr-x", "root", "root");
        try (Stream<Path> entries = Files.list(source)) {
            for (Path entry : entries.toList()) {
                Path real = entry.toRealPath();
                Files.createSymbolicLink(target.resolve(entry.getFileName()), real);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot carry " + source + " over to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The venv, with the develop checkouts installed in it. */
    public void createEnvironment(String revision, BuildDescription build) {
        Path venv = RevisionBuild.venv(tree(revision));
        Filesystem.deleteTree(venv);
        python.create(venv);
        for (BuildDescription.Develop d : build.develop()) {
            if (!Files.isDirectory(d.path())) {
                throw org.lavasoftware.deploy.ToolException.failed("develop checkout " + d.path() + " (" + d.from()
                        + ") is no directory; check it out there or take it out of develop");
            }
            python.develop(venv, d.path());
        }
    }

    /**
     * Finds every egg (installing from the download cache what is only there) and checks the pins;
     * then writes the scripts and records the build. Refuses, in one line, the first egg missing or off its pin.
     */
    public RevisionBuild check(String revision, BuildDescription build) {
        Path tree = tree(revision);
        Path venv = RevisionBuild.venv(tree);
        Path root = tree.resolve(PythonRoot.within(tree));
        List<String> keys = build.eggs().stream().map(e -> e.requirement().key()).toList();
        Installed installed = Installed.parse(python.probe(venv, root, keys, EggCheck.componentModules()));
        Path cache = downloadCache(build);
        boolean fromCache = false;
        for (BuildDescription.Egg egg : build.eggs()) {
            String key = egg.requirement().key();
            if (!installed.dists().containsKey(key) && !EggCheck.COMPONENTS.containsKey(key) && inCache(cache, key)) {
                BuildDescription.Pin pin = build.pins().get(key);
                python.installFromCache(venv, cache, pin == null ? egg.requirement().line() : egg.name() + "==" + pin.version());
                fromCache = true;
            }
        }
        if (fromCache) {
            installed = Installed.parse(python.probe(venv, root, keys, EggCheck.componentModules()));
        }
        List<EggCheck.Found> found = EggCheck.check(build, installed, cache.toString());
        List<String> apps = new ArrayList<>();
        found.forEach(f -> f.apps().forEach(a -> {
            if (!apps.contains(a)) {
                apps.add(a);
            }
        }));
        String config = build.config().toString();
        Filesystem.file(python.sitePackages(venv).resolve(BuildScripts.SETTINGS_MODULE + ".py"),
                BuildScripts.settingsModule(apps, config), "rw-r--r--", "root", "root");
        Path bin = RevisionBuild.bin(tree);
        Filesystem.directory(bin, "rwxr-xr-x", "root", "root");
        Filesystem.file(bin.resolve("lava-server"), BuildScripts.lavaServer(tree, new LavaScripts(layout).lavaEnv(), config),
                "rwxr-xr-x", "root", "root");
        Filesystem.file(bin.resolve("lava-wsgi"), BuildScripts.lavaWsgi(tree, config), "rwxr-xr-x", "root", "root");
        java.util.Map<String, String> versions = new java.util.LinkedHashMap<>();
        found.forEach(f -> versions.put(f.name(), f.version()));
        RevisionBuild result = new RevisionBuild(config, found.stream().map(EggCheck.Found::name).toList(),
                build.selects(BuildDescription.SCHEDULER_EGG), apps, versions);
        result.write(tree);
        return result;
    }

    /**
     * The version each egg of {@code build} resolves to in {@code revision}'s environment (its venv,
     * else the system's interpreter, which a venv built from it would see), as the check step would
     * find it, without building anything; an egg not found there is refused as the check refuses it.
     */
    public java.util.Map<String, String> resolve(String revision, BuildDescription build) {
        Path tree = tree(revision);
        Path root = tree.resolve(PythonRoot.within(tree));
        List<String> keys = build.eggs().stream().map(e -> e.requirement().key()).toList();
        Installed installed = Installed.parse(python.probe(RevisionBuild.venv(tree), root, keys, EggCheck.componentModules()));
        java.util.Map<String, String> versions = new java.util.LinkedHashMap<>();
        EggCheck.check(build, installed, downloadCache(build).toString()).forEach(f -> versions.put(f.name(), f.version()));
        return versions;
    }

    /** Takes the build out of the tree (the tree stays as fetched). */
    public void removeBuild(String revision) {
        Path tree = tree(revision);
        Filesystem.deleteTree(RevisionBuild.venv(tree));
        Filesystem.deleteTree(RevisionBuild.bin(tree));
        try {
            Files.deleteIfExists(tree.resolve(RevisionBuild.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean inCache(Path cache, String key) {
        if (!Files.isDirectory(cache)) {
            return false;
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(f -> Requirement.normalize(f.getFileName().toString())).anyMatch(n -> n.startsWith(key + "-"));
        } catch (IOException e) {
            return false;
        }
    }
}
