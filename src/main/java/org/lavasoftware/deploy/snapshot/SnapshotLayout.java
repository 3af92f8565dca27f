package org.lavasoftware.deploy.snapshot;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The names of things in a backups directory ({@code ROOT/backups/NAME}) and in a snapshot.
 *
 * <pre>
 * ROOT/backups/NAME/
 *   ID/                    a finished snapshot, mode 0700 (ID: {@link SnapshotId})
 *     manifest.json        written last; see {@link Manifest}
 *     database.dump        pg_dump custom format
 *     etc.tar.gz           the instance's settings
 *     media/               the media as a plain tree; unchanged files are hard links into the
 *                          snapshot before
 *   latest -&gt; ID          the newest snapshot that passed its check
 *   .ID.partial/           a snapshot being written (or left by a writer that died)
 *   .ID.pruning/           a snapshot being removed
 *   .lock                  held by whoever writes, prunes or cleans up here
 * </pre>
 *
 * A classic snapshot (from the classic tool) is an ID directory with {@code database.dump},
 * {@code files.tar.gz} (the media) and {@code etc.tar.gz}, and no manifest.
 */
public final class SnapshotLayout {
    public static final String MANIFEST = Manifest.FILE_NAME;
    public static final String DATABASE = "database.dump";
    public static final String ETC = "etc.tar.gz";
    public static final String MEDIA = "media";
    /** The media of a classic snapshot, as one archive; this tool's snapshots have {@link #MEDIA}. */
    public static final String CLASSIC_MEDIA = "files.tar.gz";
    public static final String LATEST = "latest";
    static final String LOCK = ".lock";
    static final String PARTIAL = ".partial";
    static final String PRUNING = ".pruning";
    static final String LATEST_NEW = ".latest.new";

    private SnapshotLayout() {
    }

    static String partialName(SnapshotId id) {
        return "." + id + PARTIAL;
    }

    static String pruningName(SnapshotId id) {
        return "." + id + PRUNING;
    }

    /** The id of a directory that is being written or removed: never a snapshot. */
    static Optional<SnapshotId> leftoverId(String name) {
        for (String suffix : new String[] {PARTIAL, PRUNING}) {
            if (name.startsWith(".") && name.endsWith(suffix)) {
                return SnapshotId.tryParse(name.substring(1, name.length() - suffix.length()));
            }
        }
        return Optional.empty();
    }

    /** What kind of snapshot {@code dir} holds, if any. */
    static Optional<Snapshot.Format> formatOf(Path dir) {
        if (Files.isRegularFile(dir.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(Snapshot.Format.MANIFEST);
        }
        if (isClassic(dir)) {
            return Optional.of(Snapshot.Format.CLASSIC);
        }
        return Optional.empty();
    }

    private static boolean isClassic(Path dir) {
        for (String name : new String[] {DATABASE, CLASSIC_MEDIA, ETC}) {
            if (!Files.isRegularFile(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }
}
