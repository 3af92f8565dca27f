package org.lavasoftware.deploy.snapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What storing the media will do, decided before a byte moves: which files are copied and which
 * are hard-linked to the base snapshot. Its {@link #bytesToCopy()} is what the backup needs on
 * disk for the media ({@link SpaceCheck}) and the total of its progress.
 */
public final class MediaPlan {
    enum Action { DIRECTORY, COPY, LINK, SYMLINK }

    /**
     * One path of the media, {@code relative} to the media directory ('/'-separated, empty for
     * the media directory itself); {@code previous} is the base snapshot's entry for a link.
     */
    record Item(Path source, String relative, Action action, UnixAttributes attributes, ManifestEntry previous,
                String linkTarget) {
    }

    private final Path source;
    private final BaseSnapshot base;
    private final List<Item> items;

    MediaPlan(Path source, BaseSnapshot base, List<Item> items) {
        this.source = source;
        this.base = base;
        this.items = List.copyOf(items);
    }

    public Path source() {
        return source;
    }

    /** The snapshot unchanged files are linked to; none for a full snapshot. */
    public Optional<SnapshotId> base() {
        return Optional.ofNullable(base).map(BaseSnapshot::id);
    }

    BaseSnapshot baseSnapshot() {
        return base;
    }

    List<Item> items() {
        return items;
    }

    public long bytesToCopy() {
        return bytes(Action.COPY);
    }

    public long bytesToLink() {
        return bytes(Action.LINK);
    }

    public long filesToCopy() {
        return items.stream().filter(i -> i.action() == Action.COPY).count();
    }

    public long filesToLink() {
        return items.stream().filter(i -> i.action() == Action.LINK).count();
    }

    private long bytes(Action action) {
        long total = 0;
        for (Item item : items) {
            if (item.action() == action) {
                total += item.attributes().size();
            }
        }
        return total;
    }
}
