package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lavasoftware.deploy.ToolException;

/**
 * Refuses a backup that cannot fit before it starts, rather than filling the disk half-way. The
 * bytes needed are those to be written: the database dump and settings, and the media to copy
 * ({@link MediaPlan#bytesToCopy()}); hard-linked media cost nothing.
 */
public final class SpaceCheck {
    /** The bytes a non-root process can still write on the file system of {@code dir}. */
    @FunctionalInterface
    public interface UsableSpace {
        long of(Path dir) throws IOException;
    }

    public static final UsableSpace FILE_STORE = dir -> Files.getFileStore(dir).getUsableSpace();

    private final UsableSpace space;

    public SpaceCheck(UsableSpace space) {
        this.space = space;
    }

    public static SpaceCheck onDisk() {
        return new SpaceCheck(FILE_STORE);
    }

    public void require(Path backupsDir, long bytes) {
        require(backupsDir, bytes, "the backup", "prune old snapshots or free some space");
    }

    /** Refuses, saying what needs the room and what to do, when {@code dir}'s file system lacks it. */
    public void require(Path dir, long bytes, String what, String advice) {
        Path backupsDir = dir;
        Path existing = backupsDir.toAbsolutePath();
        while (!Files.isDirectory(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        long free;
        try {
            free = space.of(existing);
        } catch (IOException e) {
            throw ToolException.failed("cannot tell the free space of " + existing + ": " + IoErrors.describe(e), e);
        }
        if (free < bytes) {
            throw ToolException.failed("not enough space for " + what + " in " + backupsDir + ": it needs "
                    + human(bytes) + " and " + human(free) + " is free; " + advice);
        }
    }

    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format("%.1f %s", value, units[unit]);
    }
}
