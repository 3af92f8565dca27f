package org.lavasoftware.deploy.engine.operations.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.operations.InstanceQueries;
import org.lavasoftware.deploy.engine.operations.InstanceServices;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.SetupState;
import org.lavasoftware.deploy.snapshot.Snapshot;
import org.lavasoftware.deploy.snapshot.SnapshotLayout;
import org.lavasoftware.deploy.snapshot.StoredDump;
import org.lavasoftware.deploy.snapshot.SnapshotResolver;
import org.lavasoftware.deploy.snapshot.SpaceCheck;

/** What a restore refuses before it changes anything. */
final class RestoreChecks {
    private final OperationContext context;
    private final RestoreSettings settings;

    RestoreChecks(OperationContext context, RestoreSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    /** The snapshot at the resolved path (a classic one too); an error when it is not one. */
    static Snapshot snapshot(RestoreSettings settings) {
        return new SnapshotResolver(settings.snapshot().getParent(), "", Path.of("/")).resolve(settings.snapshot().toString());
    }

    void run() {
        SetupState.require(context.root());
        if (!context.layout().exists()) {
            throw ToolException.badInput("no instance named " + settings.target()
                    + "; install it first (a restore fills an installed instance)");
        }
        Machine machine = Machine.of(context);
        if (!machine.services().isRegistered(InstanceServices.group(context.layout()))) {
            throw ToolException.badInput("instance " + settings.target() + " was not installed by this tool; install it first");
        }
        Snapshot snapshot = snapshot(settings);
        if (!snapshot.isClassic()) {
            snapshot.manifest(); // a manifest that does not parse is refused here, before anything
        }
        String state = new InstanceQueries(context.root(), machine).serviceState(context.layout());
        if (!settings.stop() && !state.equals("stopped")) {
            throw ToolException.badInput("instance " + settings.target() + " is " + state
                    + "; stop it first, or pass --stop (which stops it only for the swap)");
        }
        requireSpace(snapshot);
    }

    /**
     * Room for a second copy of the media beside the live one, and for the database being restored
     * (about twice the dump's data, its indexes rebuilt).
     */
    private void requireSpace(Snapshot snapshot) {
        try {
            StoredDump dump = StoredDump.of(snapshot);
            long data = dump.bytes();
            long media = snapshot.isClassic() ? Files.size(snapshot.file("files.tar.gz")) * 5
                    : snapshot.manifest().sourceBytesUnder(SnapshotLayout.MEDIA);
            if (!settings.databaseOnly()) {
                SpaceCheck.onDisk().require(context.layout().varLibLavaServer(), media,
                        "the restored media (staged beside the live ones)", "free some space");
            }
            Path postgres = Path.of("/var/lib/postgresql");
            SpaceCheck.onDisk().require(Files.isDirectory(postgres) ? postgres : context.layout().dir(),
                    dump.isDirectory() ? data * 2 : data * 4,
                    "the restored database (staged beside the live one)", "free some space");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + snapshot.dir() + ": " + e.getMessage(), e);
        }
    }

}
