package org.lavasoftware.deploy.io;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Makes everything written to a file system durable in one call ({@code syncfs(2)}, through
 * coreutils' {@code sync --file-system}). A tree of thousands of files, such as a snapshot's media,
 * written without an fsync each and flushed once here costs one journal commit instead of one per
 * file, which is most of the time such a copy would otherwise take.
 */
public final class FileSystemFlush {
    private FileSystemFlush() {
    }

    /** Flushes the file system holding {@code path}; returns when all of it is on disk. */
    public static void of(Path path) {
        SystemCommand.run("cannot flush the file system of " + path + " to disk", Duration.ofHours(1),
                List.of("sync", "--file-system", path.toString()));
    }
}
