package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.lavasoftware.deploy.io.AtomicFile;

/**
 * The {@code latest} symbolic link of a backups directory. It is replaced, never rewritten: a new
 * link is made under a temporary name and renamed over it, so a reader finds the old target or
 * the new one, and never no link at all.
 */
final class LatestLink {
    private LatestLink() {
    }

    /**
     * The snapshot {@code latest} points to, if it points to one in {@code dir}: the classic tool
     * may have written an absolute target, which counts when it leads into {@code dir}.
     */
    static Optional<SnapshotId> target(Path dir) {
        Path link = dir.resolve(SnapshotLayout.LATEST);
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        try {
            Path target = dir.resolve(Files.readSymbolicLink(link)).normalize();
            if (!dir.toAbsolutePath().normalize().equals(target.toAbsolutePath().getParent())) {
                return Optional.empty();
            }
            return SnapshotId.tryParse(target.getFileName().toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static void point(Path dir, SnapshotId id) throws IOException {
        Path fresh = dir.resolve(SnapshotLayout.LATEST_NEW);
        Files.deleteIfExists(fresh);
        Files.createSymbolicLink(fresh, Path.of(id.toString()));
        Files.move(fresh, dir.resolve(SnapshotLayout.LATEST), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        AtomicFile.syncDirectory(dir);
    }
}
