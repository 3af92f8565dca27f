package org.lavasoftware.deploy.engine.operations.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.postgres.PgDump;
import org.lavasoftware.deploy.adapters.postgres.PostgresAdmin;
import org.lavasoftware.deploy.engine.Engine;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.OperationLog;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.Progress;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.SetupState;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.snapshot.MediaPlan;
import org.lavasoftware.deploy.snapshot.SnapshotId;
import org.lavasoftware.deploy.snapshot.SnapshotMetadata;
import org.lavasoftware.deploy.snapshot.SnapshotWriter;
import org.lavasoftware.deploy.snapshot.Snapshots;
import org.lavasoftware.deploy.snapshot.SpaceCheck;
import org.lavasoftware.deploy.snapshot.TarPacker;
import org.lavasoftware.deploy.snapshot.WriterOptions;

/**
 * {@code backup NAME}: a snapshot in ROOT/backups/NAME/ID: the database as pg_dump's directory
 * format (consistent while the instance runs) with its tables compressed, its settings, its media
 * (only what changed since the previous snapshot is copied; the rest are links to it), a manifest
 * with a SHA-256 per file. It becomes a snapshot, and {@code latest} moves to it, only once all of
 * it is written and checked. The dump, mostly the database server's work, runs beside the media
 * compression, the tool's, when there is much to compress ({@link SnapshotData}).
 */
public final class BackupOperation implements Operation {
    public static final String KIND = "backup";
    private final InstanceName name;
    private final boolean full;

    public BackupOperation(InstanceName name, boolean full) {
        this.name = name;
        this.full = full;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public InstanceName instance() {
        return name;
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("name", name.value(), "full", Boolean.toString(full));
    }

    @Override
    public void check(OperationContext context) {
        SetupState.require(context.root());
        if (!context.layout().exists()) {
            throw ToolException.badInput("no instance named " + name + "; `lava-deployment-tool list` shows the instances");
        }
    }

    /** The steps of a snapshot taken before another operation ({@code what}), named so in its plan. */
    public static List<Step> stepsBefore(String what, InstanceName name, OperationContext context) {
        List<Step> steps = new java.util.ArrayList<>();
        for (Step step : new BackupOperation(name, false).plan(context).steps()) {
            Step.Builder wrapped = Step.named("snapshot before " + what + ": " + step.title()).shows(step.details())
                    .does(step::apply);
            if (step.hasUndo()) {
                wrapped.undoes(step.undoTitle(), step::undo);
            }
            steps.add(wrapped.build());
        }
        return steps;
    }

    @Override
    public Plan plan(OperationContext context) {
        InstanceLayout layout = context.layout();
        Machine machine = Machine.of(context);
        InstanceConfig config = InstanceConfigStore.load(layout).config();
        Snapshots backups = Snapshots.of(context.root(), name, context.reporter()::info);
        BackupSnapshot snapshot = new BackupSnapshot(backups, context.facts());
        MediaPlan[] media = new MediaPlan[1];
        DatabaseFacts[] facts = new DatabaseFacts[1];
        String database = config.databaseName();
        PgDump pgDump = new PgDump(machine.runner(), machine.postgres(), layout.etcLavaServer().resolve("pgpass"),
                config.databaseUser());

        return new Plan.Builder("backup of " + name)
                .add(Step.named("start a snapshot in " + backups.dir())
                        .shows(backups.dir() + "/.ID.partial (0700), renamed to ID when complete; stale partial ones removed")
                        .does(() -> {
                            backups.cleanupPartials();
                            facts[0] = DatabaseFacts.of(machine, database);
                            SnapshotWriter writer = snapshot.begin(new SnapshotMetadata(config.name().value(),
                                    Engine.toolVersion(), Engine.revision(layout), facts[0].serverVersion()),
                                    WriterOptions.DEFAULT.withFull(full));
                            long planning = System.nanoTime();
                            media[0] = writer.planMedia(layout.media());
                            machine.runner().log().line("media planned in " + OperationLog.millisSince(planning)
                                    + " ms: " + media[0].filesToCopy() + " files to copy, " + media[0].filesToLink()
                                    + " to link");
                            requireSpace(backups, facts[0].databaseBytes(), media[0], layout);
                        })
                        .undoes("throw the partial snapshot away", snapshot::discard)
                        .build())
                .add(Step.named("keep the settings")
                        .shows("tar of " + layout.dir().resolve("etc") + " > etc.tar.gz; instance.conf (secrets: the snapshot is 0700)")
                        .does(() -> {
                            try (OutputStream out = snapshot.writer().create("etc.tar.gz")) {
                                TarPacker.pack(layout.dir().resolve("etc"), out, Progress.NONE);
                            }
                            snapshot.writer().copy("instance.conf", layout.configFile(), Progress.NONE);
                        })
                        .build())
                .add(Step.named("store the media and dump database " + database)
                        .shows(pgDump.dumpCommand(database, Path.of("SCRATCH"), SnapshotData.DUMP_JOBS).display()
                                + "; its table files compressed into database/ (zstd) as pg_dump writes them, toc.dat as it is")
                        .shows("first link what did not change since the previous snapshot of " + layout.media()
                                + " (every snapshot stays complete on its own) while the rest starts compressing (zstd);"
                                + " the dump starts once the links are made, or once all is stored when what is copied is"
                                + " under an eighth of the database's size")
                        .does(() -> {
                            try (Progress progress = context.reporter().progress("media", media[0].bytesToCopy(), "B")) {
                                new SnapshotData(snapshot.writer(), pgDump, database, machine.runner().log())
                                        .store(media[0], facts[0].databaseBytes(), progress);
                            }
                        })
                        .build())
                .add(Step.named("check the snapshot and make it the latest")
                        .shows("manifest.json written last; rename to ID; latest -> ID")
                        .does(() -> {
                            SnapshotId id = snapshot.writer().commit();
                            snapshot.writer().close();
                            context.reporter().info("snapshot " + name + "/" + id + " complete ("
                                    + media[0].filesToCopy() + " media files copied, " + media[0].filesToLink() + " linked)");
                        })
                        // once done, the snapshot is the latest: a recovery finishes the backup. (Among
                        // the steps before an upgrade it is not one; an upgrade undone keeps its
                        // snapshot all the same, see BackupSnapshot.discard.)
                        .pointOfNoReturn()
                        .build())
                .build();
    }

    /** The server's version, for the manifest, and the database's size, for the space check, in one session. */
    private record DatabaseFacts(String serverVersion, long databaseBytes) {
        static DatabaseFacts of(Machine machine, String database) {
            try (PostgresAdmin admin = machine.postgresAdmin()) {
                return new DatabaseFacts(admin.serverVersion(), admin.databaseSize(database));
            }
        }
    }

    /**
     * pg_dump's uncompressed output is at most the database's size on disk, and its compressed
     * copy (a quarter of that, at most) is written before it goes; media to copy and settings are
     * known, counted uncompressed.
     */
    private static void requireSpace(Snapshots backups, long databaseBytes, MediaPlan media, InstanceLayout layout)
            throws IOException {
        long settings;
        try (var files = Files.walk(layout.dir().resolve("etc"))) {
            settings = files.filter(Files::isRegularFile).mapToLong(BackupOperation::size).sum();
        }
        SpaceCheck.onDisk().require(backups.dir(), databaseBytes + databaseBytes / 4 + media.bytesToCopy() + settings);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Factory implements OperationFactory {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new BackupOperation(InstanceName.of(parameters.get("name")), Boolean.parseBoolean(parameters.get("full")));
        }
    }
}
