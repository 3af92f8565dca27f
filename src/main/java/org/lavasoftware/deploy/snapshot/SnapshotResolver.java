package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.model.LavaRoot;

/**
 * Finds the snapshot a user means. In order: {@code latest} or {@code ID} (this instance's
 * backups); {@code OTHERNAME/ID} or {@code OTHERNAME/latest} (another instance's); otherwise a
 * path, absolute or relative to the working directory, to a snapshot directory of this tool or
 * of the classic tool. Anything else is refused in one line that lists what there is.
 */
public final class SnapshotResolver {
    private static final int LISTED = 5;

    private final Path backupsRoot;
    private final String instance;
    private final Path workingDir;

    /** {@code instance} is the one a bare {@code ID} or {@code latest} belongs to; may be null. */
    public SnapshotResolver(Path backupsRoot, String instance, Path workingDir) {
        this.backupsRoot = backupsRoot.toAbsolutePath().normalize();
        this.instance = instance;
        this.workingDir = workingDir;
    }

    public static SnapshotResolver of(LavaRoot root, InstanceName instance) {
        return new SnapshotResolver(root.backupsDir(), instance.value(), Path.of("").toAbsolutePath());
    }

    public Snapshot resolve(String reference) {
        if (reference == null || reference.isBlank()) {
            throw ToolException.badInput("no snapshot named; " + whatExists(instance));
        }
        if (isSnapshotName(reference)) {
            if (instance == null) {
                throw ToolException.badInput("snapshot " + Names.shown(reference) + " of which instance? name it as"
                        + " NAME/" + reference);
            }
            return inBackups(instance, reference, reference);
        }
        int slash = reference.indexOf('/');
        if (slash > 0 && slash == reference.lastIndexOf('/') && InstanceName.isValid(reference.substring(0, slash))
                && isSnapshotName(reference.substring(slash + 1))) {
            String other = reference.substring(0, slash);
            Optional<Snapshot> asPath = Files.isDirectory(backupsRoot.resolve(other)) ? Optional.empty() : asPath(reference);
            return asPath.orElseGet(() -> inBackups(other, reference.substring(slash + 1), reference));
        }
        return asPath(reference).orElseThrow(() -> ToolException.badInput("no snapshot " + Names.shown(reference)
                + ": it is no ID, latest, NAME/ID or path to a snapshot; " + whatExists(instance)));
    }

    private static boolean isSnapshotName(String text) {
        return text.equals(SnapshotLayout.LATEST) || SnapshotId.isValid(text);
    }

    private Snapshot inBackups(String name, String idOrLatest, String reference) {
        Path dir = backupsRoot.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw ToolException.badInput("no backups of instance '" + name + "' in " + backupsRoot + "; "
                    + instancesWithBackups());
        }
        Snapshots snapshots = new Snapshots(dir);
        SnapshotId id;
        if (idOrLatest.equals(SnapshotLayout.LATEST)) {
            id = snapshots.latest().orElseThrow(() -> ToolException.badInput("instance '" + name + "' has no latest"
                    + " snapshot; " + whatExists(name)));
        } else {
            id = SnapshotId.parse(idOrLatest);
            if (!snapshots.ids().contains(id)) {
                throw ToolException.badInput("no snapshot " + idOrLatest + " of instance '" + name + "'; " + whatExists(name));
            }
        }
        Path snapshot = snapshots.pathOf(id);
        Snapshot.Format format = SnapshotLayout.formatOf(snapshot).orElseThrow(() -> ToolException.failed(
                "snapshot " + name + "/" + id + " is unusable: it has no manifest, nor the files of a classic snapshot"));
        return new Snapshot(snapshot, name + "/" + id, format);
    }

    private Optional<Snapshot> asPath(String reference) {
        Path dir;
        try {
            dir = workingDir.resolve(reference).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (SnapshotLayout.leftoverId(name).isPresent()) {
            throw ToolException.badInput(dir + " is an unfinished snapshot (a backup was writing or removing it),"
                    + " not one to restore");
        }
        Optional<Snapshot.Format> format = SnapshotLayout.formatOf(dir);
        if (format.isPresent()) {
            return Optional.of(new Snapshot(dir, dir.toString(), format.get()));
        }
        if (!new Snapshots(dir).ids().isEmpty()) {
            throw ToolException.badInput(dir + " is a backups directory; name one of its snapshots: "
                    + listed(new Snapshots(dir)));
        }
        throw ToolException.badInput(dir + " is not a snapshot: it has no manifest.json, nor database.dump,"
                + " files.tar.gz and etc.tar.gz");
    }

    private String whatExists(String name) {
        if (name == null || !Files.isDirectory(backupsRoot.resolve(name))) {
            return instancesWithBackups();
        }
        Snapshots snapshots = new Snapshots(backupsRoot.resolve(name));
        if (snapshots.ids().isEmpty()) {
            return "instance '" + name + "' has no snapshots yet; " + instancesWithBackups();
        }
        return "snapshots of '" + name + "': " + listed(snapshots);
    }

    /** The newest few ids, newest first, the latest marked. */
    private static String listed(Snapshots snapshots) {
        List<SnapshotId> ids = snapshots.ids();
        Optional<SnapshotId> latest = snapshots.latest();
        StringBuilder out = new StringBuilder();
        for (int i = ids.size() - 1; i >= Math.max(0, ids.size() - LISTED); i--) {
            out.append(i == ids.size() - 1 ? "" : ", ").append(ids.get(i));
            if (latest.isPresent() && latest.get().equals(ids.get(i))) {
                out.append(" (latest)");
            }
        }
        if (ids.size() > LISTED) {
            out.append(" and ").append(ids.size() - LISTED).append(" older");
        }
        return out.toString();
    }

    private String instancesWithBackups() {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(backupsRoot)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(backupsRoot, Files::isDirectory)) {
                dirs.forEach(d -> names.add(d.getFileName().toString()));
            } catch (IOException e) {
                // the message is still right without the list
            }
        }
        names.sort(null);
        return names.isEmpty() ? "there are no backups in " + backupsRoot
                : "instances with backups: " + String.join(", ", names);
    }
}
