package org.lavasoftware.deploy.engine.operations.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.engine.operations.InstanceFiles;
import org.lavasoftware.deploy.engine.operations.InstanceHealth;
import org.lavasoftware.deploy.engine.operations.InstanceServices;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;

/**
 * The steps that make an installed copy pip-based like its original, so that a conversion
 * rehearsed on it is the one the original will have: the original's venv and wsgi file copied
 * and pointed at the copy's directory, its static files, its pip-era settings with the copy's own
 * identity, and the copy run from that venv without code/. The original is only read. No step
 * undoes itself: the install's undoing removes the whole copy.
 */
final class PipBasedCopy {
    private final InstanceLayout original;
    private final InstanceLayout copy;
    private final Machine machine;
    private final VenvPaths paths;

    PipBasedCopy(InstanceLayout original, InstanceLayout copy, Machine machine) {
        this.original = original;
        this.copy = copy;
        this.machine = machine;
        this.paths = new VenvPaths(original.dir(), copy.dir());
    }

    List<Step> steps() {
        return List.of(copyVenv(), copyStatic(), settings(), runFromVenv(), awaitPage());
    }

    /** What the copy takes from the original's directory: its venv and the classic wsgi file. */
    private List<Path> venv() {
        List<Path> parts = new ArrayList<>(LegacyTree.at(original).parts());
        Path wsgi = original.etcLavaServer().resolve("lava-server.wsgi");
        if (Files.exists(wsgi)) {
            parts.add(wsgi);
        }
        return parts;
    }

    private Step copyVenv() {
        List<String> details = new ArrayList<>(List.of("cp -a from " + original.dir() + " into " + copy.dir() + ":"));
        venv().forEach(p -> details.add("  " + original.dir().relativize(p)));
        details.add("in the copied scripts, activate, pyvenv.cfg, *.pth, *.egg-link, direct_url.json, the wsgi file and"
                + " absolute links: " + original.dir() + " -> " + copy.dir());
        details.add("what " + original.name().systemName() + " owned, " + copy.name().systemName() + " owns");
        return Step.named("copy the venv of " + original.name() + " into " + copy.name())
                .shows(details)
                .does(() -> {
                    List<Path> copied = new ArrayList<>();
                    for (Path part : venv()) {
                        Path target = copy.dir().resolve(original.dir().relativize(part));
                        Filesystem.deleteTree(target);
                        machine.runner().run(Command.of("cp", "-a", "--", part.toString(), target.toString()).build());
                        copied.add(target);
                    }
                    paths.rewriteTree(copy.dir(), copied);
                    chownFromOriginal(copied);
                })
                .build();
    }

    private List<Path> staticOf(InstanceLayout layout) {
        Path dir = layout.staticFiles().getParent();
        String name = layout.staticFiles().getFileName().toString();
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(name)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private Step copyStatic() {
        return Step.named("serve the static files of " + original.name() + " from " + copy.name())
                .shows("the copy's " + copy.staticFiles() + "* replaced by a copy of " + original.staticFiles()
                        + "* (what the venv's code collected)")
                .does(() -> {
                    staticOf(copy).forEach(Filesystem::deleteTree);
                    List<Path> copied = new ArrayList<>();
                    for (Path part : staticOf(original)) {
                        Path target = copy.staticFiles().resolveSibling(part.getFileName());
                        machine.runner().run(Command.of("cp", "-a", "--", part.toString(), target.toString()).build());
                        copied.add(target);
                    }
                    chownFromOriginal(copied);
                })
                .build();
    }

    /** What the original's user and group own in {@code copied}, the copy's own (root's stays root's). */
    private void chownFromOriginal(List<Path> copied) {
        if (copied.isEmpty()) {
            return;
        }
        InstanceConfig from = InstanceConfigStore.load(original).config();
        InstanceConfig to = InstanceConfigStore.load(copy).config();
        String fromGroup = new InstanceFiles(original, from, machine).userGroup();
        String toGroup = new InstanceFiles(copy, to, machine).userGroup();
        List<String> targets = copied.stream().map(Path::toString).toList();
        machine.runner().run(Command.of("chown", "-R", "-h", "--from=" + from.systemUser(), to.systemUser(), "--")
                .args(targets).build());
        machine.runner().run(Command.of("chown", "-R", "-h", "--from=:" + fromGroup, ":" + toGroup, "--")
                .args(targets).build());
    }

    private Step settings() {
        Path env = original.etcLavaServer().resolve("lava.env");
        Path mine = copy.etcLavaServer().resolve("lava.env");
        return Step.named("write the pip-era settings of " + copy.name())
                .shows(mine + ": the settings of " + env + " (PYTHONPATH and the paths of LAVA_JSON_SETTINGS into the venv),"
                        + " " + original.dir() + " -> " + copy.dir())
                .shows("kept the copy's own: its database URL, SECRET_KEY, INSTANCE_NAME, ALLOWED_HOSTS, event port, URL prefix")
                .does(() -> {
                    String text = new PipEraSettings(paths, copy.codeDir()).envFile(Files.readString(env), Files.readString(mine));
                    InstanceConfig config = InstanceConfigStore.load(copy).config();
                    Filesystem.file(mine, text, "rw-r-----", "root", new InstanceFiles(copy, config, machine).userGroup());
                })
                .build();
    }

    private Step runFromVenv() {
        String group = InstanceServices.group(copy);
        return Step.named("run " + copy.name() + " from its venv, as " + original.name() + " runs")
                .shows("rm -r " + copy.codeDir() + " (a pip-based instance has no code/)")
                .shows(machine.services().kind() + ": " + group + " registered as a pip-based instance's (Debian's gunicorn3,"
                        + " LAVA's daemons through bin/lava-server), restarted")
                .does(() -> {
                    Filesystem.deleteTree(copy.codeDir());
                    InstanceConfig config = InstanceConfigStore.load(copy).config();
                    // without code/current these are the definitions a venv's instance has
                    machine.services().register(group, InstanceServices.programs(copy, config,
                            new InstanceFiles(copy, config, machine).userGroup()));
                    machine.services().restart(group);
                })
                .build();
    }

    private Step awaitPage() {
        return Step.named("wait for " + copy.name() + " to answer through Apache, from its venv")
                .shows("curl its URL until it answers 200 (at most 2 minutes)")
                .does(() -> InstanceHealth.requireAnswering(machine, InstanceConfigStore.load(copy).config(), copy.logDir(),
                        "from the venv copied from " + original.name()))
                // the copy is whole once it answers: a recovery after this keeps it
                .pointOfNoReturn()
                .build();
    }
}
