package org.lavasoftware.deploy.engine.operations.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.files.BackgroundRemoval;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.lava.LavaScripts;
import org.lavasoftware.deploy.adapters.postgres.PgDump;
import org.lavasoftware.deploy.adapters.postgres.PgPass;
import org.lavasoftware.deploy.adapters.postgres.PostgresAdmin;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.services.ServiceManager;
import org.lavasoftware.deploy.engine.Concurrently;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.OperationLog;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.Progress;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.engine.operations.InstanceFiles;
import org.lavasoftware.deploy.engine.operations.InstanceServices;
import org.lavasoftware.deploy.engine.operations.LocalWorker;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.snapshot.Ownership;
import org.lavasoftware.deploy.snapshot.Snapshot;
import org.lavasoftware.deploy.snapshot.StoredDump;

/**
 * {@code restore NAME SNAPSHOT} (and {@code restore-db}): the snapshot is verified, then restored
 * into a new database and a new media directory beside the live ones while the instance still
 * serves; then both are swapped in by renames, the old ones kept until the very end. A failure,
 * or a kill, before the last swap is done leaves the instance as it was; a kill after it is
 * finished by {@code recover}, which starts what was stopped and drops the old data.
 */
public final class RestoreOperation implements Operation {
    public static final String KIND = "restore";

    /**
     * LAVA's documented steps after a restore, in one start of Django: {@code maintenance --force}
     * (devices to maintenance), then the jobs the restored data says are on a device, which
     * nothing runs any more. LAVA 2023.01's {@code maintenance --force} marks running jobs as
     * canceling without saving them; this finishes them through LAVA's own state machine, as
     * {@code manage jobs fail} does for one. The command also leaves the connection out of
     * autocommit, where Django's {@code atomic()} would neither begin nor commit a transaction
     * and the process would end with the jobs' changes rolled back: autocommit is turned back on.
     */
    private static final String MAINTENANCE = String.join("\n",
            "from django.core.management import call_command",
            "from django.db import transaction",
            "call_command('maintenance', force=True)",
            "transaction.set_autocommit(True)",
            "from lava_scheduler_app.models import TestJob",
            "with transaction.atomic():",
            "    for job in TestJob.objects.select_for_update().filter(state__in=[TestJob.STATE_SCHEDULING,"
                    + " TestJob.STATE_SCHEDULED, TestJob.STATE_RUNNING, TestJob.STATE_CANCELING]):",
            "        job.go_state_finished(TestJob.HEALTH_CANCELED)",
            "        job.save()");
    private final RestoreSettings settings;

    public RestoreOperation(RestoreSettings settings) {
        this.settings = settings;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public InstanceName instance() {
        return settings.target();
    }

    @Override
    public Map<String, String> parameters() {
        return settings.parameters();
    }

    @Override
    public void check(OperationContext context) {
        new RestoreChecks(context, settings).run();
    }

    @Override
    public boolean confirm(Plan plan, org.lavasoftware.deploy.engine.Prompter prompter) {
        return prompter.confirmByTyping(String.join("\n", plan.describe()) + "\nThis replaces the data of instance "
                + settings.target() + " with the snapshot's.", "RESTORE");
    }

    @Override
    public Plan plan(OperationContext context) {
        InstanceLayout layout = context.layout();
        Machine machine = Machine.of(context);
        InstanceConfig config = InstanceConfigStore.load(layout).config();
        InstanceFiles files = new InstanceFiles(layout, config, machine);
        Snapshot snapshot = RestoreChecks.snapshot(settings);
        StoredDump dump = StoredDump.of(snapshot);
        String live = config.databaseName();
        String staged = live + "-restore";
        String previous = live + "-previous";
        Path media = layout.media();
        Path stagedMedia = media.resolveSibling("media.restore");
        Path previousMedia = media.resolveSibling("media.previous");
        Path pgpass = files.settings().pgpassFile();
        PgDump pgDump = new PgDump(machine.runner(), machine.postgres(), pgpass, config.databaseUser());
        ServiceManager services = machine.services();
        String group = InstanceServices.group(layout);
        // the restore stops them: a recovery must see the programs that ran when it planned
        List<String> writers = context.facts().list("restore-writers", () -> writerPrograms(layout, services));

        Plan.Builder plan = new Plan.Builder((settings.databaseOnly() ? "database restore" : "restore") + " of "
                + settings.target() + " from " + snapshot.name());
        plan.note("the instance serves its current data until the swap: anything written meanwhile is replaced by the snapshot");
        plan.add(Step.named("verify the snapshot")
                .shows(snapshot.isClassic() ? "a classic snapshot (no manifest): pg_restore --list of database.dump"
                        : "every file of " + snapshot.dir() + " against the SHA-256 of its manifest; pg_restore --list")
                .does(() -> {
                    if (!snapshot.isClassic()) {
                        try (Progress p = context.reporter().progress("verify", snapshot.manifest().summary().bytes(), "B")) {
                            new org.lavasoftware.deploy.snapshot.SnapshotVerifier(
                                    org.lavasoftware.deploy.snapshot.SnapshotVerifier.Depth.FULL, false)
                                    .verify(snapshot.dir(), p).orFail(snapshot.name());
                        }
                    }
                    pgDump.contents(dump.listable());
                })
                .build());
        // Not undone, nor needing to be: the commands are those this version writes for every
        // instance (install, upgrade), each file replaced whole, and the widened entry, for any
        // database of the role, is the one a new instance's pgpass has; PostgreSQL decides what
        // the role may open. Putting the old entry back would mean keeping its password somewhere.
        plan.add(Step.named("prepare the instance's commands for the restore")
                .shows("rewrite " + layout.dir().resolve("bin") + "/lava-env; pgpass valid for the staging database")
                .does(() -> {
                    files.writeCommands();
                    Filesystem.file(pgpass, PgPass.widened(Files.readString(pgpass)), "rw-------", config.systemUser(),
                            files.userGroup());
                })
                .build());
        plan.add(Step.named("create staging database " + staged)
                .shows("CREATE DATABASE \"" + staged + "\" OWNER \"" + config.databaseUser() + "\" TEMPLATE template0")
                .does(() -> {
                    try (PostgresAdmin admin = machine.postgresAdmin()) {
                        admin.dropDatabase(staged);
                        // one left by an earlier restore would make the swap's undo take it for the original
                        admin.dropDatabase(previous);
                        admin.createEmptyLike(staged, config.databaseUser());
                    }
                })
                .undoes("drop staging database " + staged, () -> {
                    try (PostgresAdmin admin = machine.postgresAdmin()) {
                        admin.dropDatabase(staged);
                    }
                })
                .build());
        DataStaging staging = new DataStaging(snapshot, pgDump, staged, layout.tmpDir(), machine.runner().log());
        Path unpacked = staging.unpacked();
        Step.Builder stage = Step.named(settings.databaseOnly() ? "restore the dump into " + staged
                : "restore the dump into " + staged + " and stage the media");
        if (dump.isDirectory()) {
            stage.shows("the dump's tables fed to pg_restore through named pipes in " + unpacked + ", decompressed as read");
        }
        stage.shows("pg_restore --no-owner --no-privileges --jobs=" + DataStaging.RESTORE_JOBS + " as "
                + config.databaseUser() + " (leaving out the public schema that dumps before PostgreSQL 15 recreate)");
        if (!settings.databaseOnly()) {
            stage.shows("once pg_restore has read the rows, while it builds indexes: "
                    + (snapshot.isClassic() ? "extract files.tar.gz (refusing absolute paths, .., links out)"
                    : "decompress the snapshot's media") + " into " + stagedMedia + ", owned by " + config.systemUser()
                    + "; both flushed to disk");
        }
        plan.add(stage
                .does(() -> {
                    if (settings.databaseOnly()) {
                        staging.database();
                        return;
                    }
                    // one left by an earlier restore would make the swap's undo take it for the original
                    BackgroundRemoval.discard(previousMedia, machine.runner());
                    try (Progress p = context.reporter().progress("media", mediaBytes(snapshot), "B")) {
                        staging.databaseAndMedia(stagedMedia, owner(media), p);
                    }
                })
                .undoes("remove the staged media", () -> {
                    Filesystem.deleteTree(unpacked);
                    Filesystem.deleteTree(stagedMedia);
                    Filesystem.deleteTree(stagedMedia.resolveSibling(stagedMedia.getFileName() + ".unpack"));
                })
                .build());
        LabRestore lab = new LabRestore(snapshot, layout, config, machine);
        boolean labFiles = !settings.databaseOnly() && lab.hasSettings();
        if (labFiles) {
            plan.add(lab.stage());
        }
        if (!settings.asIs()) {
            plan.add(Step.named("put the restored data in maintenance")
                    .shows("on " + staged + ": devices to maintenance (lava-server manage maintenance --force)")
                    .shows("jobs left scheduled, running or canceling finished as canceled (what `manage jobs fail` does,"
                            + " for all of them: LAVA's documented restore steps)")
                    .does(() -> machine.runner().run(Command.of(files.manage(List.of("shell", "-c", MAINTENANCE)).argv())
                            .as(config.systemUser()).in(layout.dir()).env(LavaScripts.DATABASE_OVERRIDE, staged).build()))
                    .build());
        }
        if (settings.neutralize()) {
            plan.add(Step.named("turn notifications off in the restored data")
                    .shows("DELETE the notifications, their recipients and callbacks in " + staged)
                    .does(() -> PostgresAdmin.runIn(machine.postgres(), machine.postgresCredentials(), staged, List.of(
                            "DELETE FROM lava_scheduler_app_notificationcallback",
                            "DELETE FROM lava_scheduler_app_notificationrecipient",
                            "DELETE FROM lava_scheduler_app_notification")))
                    .build());
        }
        if (new LocalWorker(layout, config).enabled()) {
            plan.add(lab.adoptDevices(staged));
        }
        if (!writers.isEmpty()) {
            plan.add(Step.named("stop " + String.join(" and ", writers) + " for the swap")
                    .shows(services.kind() + ": stop " + String.join(", ", writers) + " (the web keeps serving)")
                    .does(() -> services.stop(group, writers))
                    .undoes("start " + String.join(" and ", writers) + " again", () -> services.start(group, writers))
                    .build());
        }
        // The last swap is the point of no return: once all the restored data are in, a recovery
        // finishes the restore (starts what it stopped, drops the previous data) instead of
        // swapping back what the final step may have begun to drop.
        Step.Builder databaseSwap = Step.named("swap in the restored database")
                .shows("\"" + live + "\" -> \"" + previous + "\", \"" + staged + "\" -> \"" + live
                        + "\" (new connections refused for the moment of the renames)")
                .does(() -> {
                    try (PostgresAdmin admin = machine.postgresAdmin()) {
                        admin.swap(live, staged, previous);
                    }
                })
                .undoes("swap the original database back", () -> {
                    try (PostgresAdmin admin = machine.postgresAdmin()) {
                        admin.unswap(live, staged, previous);
                    }
                });
        plan.add((settings.databaseOnly() ? databaseSwap.pointOfNoReturn() : databaseSwap).build());
        if (!settings.databaseOnly()) {
            DirectorySwap mediaSwap = new DirectorySwap(media, stagedMedia, previousMedia);
            Step.Builder step = Step.named("swap in the restored media")
                    .shows(media + " -> media.previous, media.restore -> media")
                    .does(mediaSwap::swapIn)
                    .undoes("swap the original media back", mediaSwap::swapBack);
            plan.add((labFiles ? step : step.pointOfNoReturn()).build());
        }
        if (labFiles) {
            plan.add(lab.swap());
        }
        Step.Action dropPrevious = () -> Concurrently.run(
                () -> {
                    long start = System.nanoTime();
                    try (PostgresAdmin admin = machine.postgresAdmin()) {
                        admin.dropDatabase(previous);
                    }
                    machine.runner().log().line("previous database dropped in " + OperationLog.millisSince(start) + " ms");
                },
                () -> {
                    BackgroundRemoval.discard(previousMedia, machine.runner());
                    lab.dropPrevious();
                });
        if (writers.isEmpty()) {
            plan.add(Step.named("drop the previous database and media")
                    .shows("DROP DATABASE \"" + previous + "\"; " + previousMedia + " renamed out of the way and removed in the background"
                            + (labFiles ? "; dispatcher-config.previous removed" : ""))
                    .does(dropPrevious)
                    .build());
        } else {
            // The service manager takes seconds to call a program started (supervisord's
            // startsecs); the drop fills that wait instead of following it. The restored data are
            // in place by then, so a program that does not start is reported, not undone: the
            // step runs again, whole, when `recover` finishes the restore.
            plan.add(Step.named("start " + String.join(" and ", writers) + " again, and drop the previous database and media meanwhile")
                    .shows(services.kind() + ": start " + String.join(", ", writers) + "; graceful reload of the web workers")
                    .shows("DROP DATABASE \"" + previous + "\"; " + previousMedia + " renamed out of the way and removed in the background"
                            + (labFiles ? "; dispatcher-config.previous removed" : ""))
                    .does(() -> {
                        services.reload(group, InstanceServices.web(layout));
                        Concurrently.run(() -> startAgain(services, group, writers), dropPrevious);
                    })
                    .build());
        }
        return plan.build();
    }

    private static void startAgain(ServiceManager services, String group, List<String> writers) {
        try {
            services.start(group, writers);
        } catch (RuntimeException e) {
            throw ToolException.failed("the snapshot is restored, but " + String.join(" and ", writers)
                    + " did not start again (" + e.getMessage() + "): see its log in var/log", e);
        }
    }

    /**
     * The programs that write to the database or the media, stopped for the swap when they run:
     * the scheduler. The publisher only passes events on, and the web keeps serving throughout.
     */
    private List<String> writerPrograms(InstanceLayout layout, ServiceManager services) {
        List<String> writers = new ArrayList<>();
        if (!settings.stop()) {
            return writers;
        }
        String group = InstanceServices.group(layout);
        var states = services.states();
        for (String program : List.of(group + "-scheduler")) {
            if (states.containsKey(program) && states.get(program).isUp()) {
                writers.add(program);
            }
        }
        return writers;
    }

    private static long mediaBytes(Snapshot snapshot) {
        try {
            return snapshot.isClassic() ? Files.size(snapshot.file("files.tar.gz"))
                    : snapshot.manifest().sourceBytesUnder(org.lavasoftware.deploy.snapshot.SnapshotLayout.MEDIA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Ownership owner(Path media) {
        try {
            return new Ownership((Integer) Files.getAttribute(media, "unix:uid"), (Integer) Files.getAttribute(media, "unix:gid"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the owner of " + media + ": " + e.getMessage(), e);
        }
    }

    public static final class Factory implements OperationFactory {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new RestoreOperation(RestoreSettings.fromParameters(parameters));
        }
    }
}
