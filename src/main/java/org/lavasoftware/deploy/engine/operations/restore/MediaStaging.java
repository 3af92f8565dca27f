package org.lavasoftware.deploy.engine.operations.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.engine.Progress;
import org.lavasoftware.deploy.snapshot.ExtractLimits;
import org.lavasoftware.deploy.snapshot.Ownership;
import org.lavasoftware.deploy.snapshot.SafeExtractor;
import org.lavasoftware.deploy.snapshot.Snapshot;
import org.lavasoftware.deploy.snapshot.MediaRestorer;

/**
 * The restored media, made beside the live directory (same file system, so the swap is a rename)
 * and owned by the instance's user: copied from a snapshot's media tree, or extracted, defensively,
 * from a classic snapshot's files.tar.gz.
 */
final class MediaStaging {
    /** A classic archive has no manifest to bound it: at most this many entries. */
    private static final long CLASSIC_MAX_ENTRIES = 50_000_000L;

    private MediaStaging() {
    }

    /** {@code threads}: how many files are decompressed at a time (a classic archive is read as one stream). */
    static void stage(Snapshot snapshot, Path staging, Ownership owner, Progress progress, int threads) {
        Filesystem.deleteTree(staging);
        if (!snapshot.isClassic()) {
            MediaRestorer.restore(snapshot.file("media"), staging, owner, progress, threads);
            return;
        }
        Path unpack = staging.resolveSibling(staging.getFileName() + ".unpack");
        Filesystem.deleteTree(unpack);
        long maxBytes = unpack.getParent().toFile().getUsableSpace();
        new SafeExtractor(new ExtractLimits(maxBytes, CLASSIC_MAX_ENTRIES), owner)
                .extract(snapshot.file("files.tar.gz"), unpack, progress);
        // classic archives were made either of the media directory itself or of its contents
        Path media = onlyChildNamedMedia(unpack);
        try {
            Files.move(media == null ? unpack : media, staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the extracted media to " + staging + ": " + e.getMessage(), e);
        }
        Filesystem.deleteTree(unpack);
    }

    private static Path onlyChildNamedMedia(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> all = children.toList();
            return all.size() == 1 && all.get(0).getFileName().toString().equals("media") && Files.isDirectory(all.get(0))
                    ? all.get(0) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
