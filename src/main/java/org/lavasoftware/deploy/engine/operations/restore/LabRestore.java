package org.lavasoftware.deploy.engine.operations.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.lava.LavaAdmin;
import org.lavasoftware.deploy.engine.Progress;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.engine.operations.InstanceFiles;
import org.lavasoftware.deploy.engine.operations.LocalWorker;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.devices.Devices;
import org.lavasoftware.deploy.engine.operations.jobs.SmokeImages;
import org.lavasoftware.deploy.engine.operations.jobs.SmokeJob;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.ShellAssignments;
import org.lavasoftware.deploy.snapshot.ExtractLimits;
import org.lavasoftware.deploy.snapshot.SafeExtractor;
import org.lavasoftware.deploy.snapshot.Snapshot;
import org.lavasoftware.deploy.snapshot.SnapshotLayout;

/**
 * What a restore does for the instance's jobs. The snapshot's device dictionaries, device-type
 * templates and health checks (its etc/dispatcher-config) are staged beside the live ones and
 * swapped in with the data. In the restored database, before it is swapped in, this instance's own
 * local worker is registered with its own token, and the devices of the snapshot's local worker
 * move to it: a clone runs its jobs on its own worker, and the original's worker, retired in the
 * clone, never gets them.
 */
final class LabRestore {
    private static final ExtractLimits LIMITS = new ExtractLimits(512L << 20, 200_000);

    private final Snapshot snapshot;
    private final InstanceLayout layout;
    private final InstanceConfig config;
    private final Machine machine;
    private final Path live;
    private final Path staged;
    private final Path previous;

    LabRestore(Snapshot snapshot, InstanceLayout layout, InstanceConfig config, Machine machine) {
        this.snapshot = snapshot;
        this.layout = layout;
        this.config = config;
        this.machine = machine;
        this.live = layout.dispatcherConfig();
        this.staged = live.resolveSibling("dispatcher-config.restore");
        this.previous = live.resolveSibling("dispatcher-config.previous");
    }

    /** Whether the snapshot holds an etc.tar.gz, which (when written by this tool) holds dispatcher-config/. */
    boolean hasSettings() {
        return Files.isRegularFile(snapshot.file(SnapshotLayout.ETC));
    }

    Step stage() {
        Path unpacked = layout.tmpDir().resolve("etc.restore");
        return Step.named("stage the snapshot's device dictionaries, device types and health checks")
                .shows("etc.tar.gz extracted (refusing absolute paths, .., links out) into " + unpacked + "; its dispatcher-config/"
                        + " becomes " + staged + " (the tool's own qemu health check rewritten for this root's smoke images)")
                .does(() -> {
                    Filesystem.deleteTree(unpacked);
                    Filesystem.deleteTree(staged);
                    // one left by an earlier restore would make the swap's undo take it for the original
                    Filesystem.deleteTree(previous);
                    // root's until only dispatcher-config is left of it: the archive holds the instance's secrets too
                    new SafeExtractor(LIMITS, null).extract(snapshot.file(SnapshotLayout.ETC), unpacked, Progress.NONE);
                    Path extracted = unpacked.resolve("dispatcher-config");
                    if (Files.isDirectory(extracted)) {
                        Files.move(extracted, staged);
                        rewriteOwnHealthCheck();
                        Filesystem.ownTree(staged, config.systemUser(), new InstanceFiles(layout, config, machine).userGroup());
                        Filesystem.own(staged, "rwxr-xr-x", config.systemUser(), new InstanceFiles(layout, config, machine).userGroup());
                    }
                    Filesystem.deleteTree(unpacked);
                })
                .undoes("remove the staged dispatcher-config", () -> {
                    Filesystem.deleteTree(unpacked);
                    Filesystem.deleteTree(staged);
                })
                .build();
    }

    /** The smoke job names images in the cache of the root it was written under: this root's, from now on. */
    private void rewriteOwnHealthCheck() throws IOException {
        Path check = Devices.healthCheckFile(layout, "qemu");
        Path stagedCheck = staged.resolve(live.relativize(check));
        if (Files.isRegularFile(stagedCheck) && SmokeJob.isOwn(Files.readString(stagedCheck))) {
            Files.writeString(stagedCheck, SmokeJob.healthCheck(new SmokeImages(layout.root())));
        }
    }

    /** The instance's own worker in the restored data, the snapshot's worker's devices moved to it. */
    Step adoptDevices(String stagedDatabase) {
        LocalWorker worker = new LocalWorker(layout, config);
        Optional<String> theirs = snapshotWorker().filter(w -> !w.equals(worker.name()));
        return Step.named("give the restored data this instance's worker " + worker.name())
                .shows("on " + stagedDatabase + ": worker " + worker.name() + " registered with this instance's token"
                        + theirs.map(w -> "; the devices of the snapshot's worker " + w + " moved to it, " + w + " retired").orElse(""))
                .does(() -> {
                    LavaAdmin admin = new InstanceFiles(layout, config, machine).admin(stagedDatabase);
                    worker.register(admin);
                    if (theirs.isPresent()) {
                        admin.moveDevices(theirs.get(), worker.name());
                        admin.retireWorker(theirs.get());
                    }
                })
                .build();
    }

    /** The restore's last swap when there is one: its point of no return (see RestoreOperation). */
    Step swap() {
        DirectorySwap swap = new DirectorySwap(live, staged, previous);
        return Step.named("swap in the snapshot's device dictionaries, device types and health checks")
                .shows(live + " -> dispatcher-config.previous, dispatcher-config.restore -> dispatcher-config")
                .does(() -> {
                    if (!Files.isDirectory(staged)) {
                        return; // a snapshot of an instance that had none: the instance keeps its own
                    }
                    swap.swapIn();
                })
                .undoes("swap the original dispatcher-config back", swap::swapBack)
                .pointOfNoReturn()
                .build();
    }

    /** Idempotent: the finish of a restore runs again when a recovery finishes it. */
    void dropPrevious() {
        Filesystem.deleteTree(previous);
    }

    /** The local worker of the instance the snapshot was taken of, as its instance.conf names it. */
    private Optional<String> snapshotWorker() {
        Path conf = snapshot.file("instance.conf");
        try {
            if (!Files.isRegularFile(conf)) {
                return Optional.empty();
            }
            String name = ShellAssignments.parse(Files.readString(conf), conf.toString())
                    .getOrDefault(ConfigKey.LAVA_WORKER_NAME.name(), "");
            return name.isBlank() ? Optional.empty() : Optional.of(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + conf + ": " + e.getMessage(), e);
        }
    }
}
