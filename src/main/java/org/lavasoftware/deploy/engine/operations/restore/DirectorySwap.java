package org.lavasoftware.deploy.engine.operations.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A live directory replaced by the one staged beside it in two renames, the live one kept as
 * {@code previous} until the restore drops it; and put back. A restore stages only after
 * {@code previous} is gone, so where the swap got to is told by which of the three are there,
 * and {@link #swapBack()} puts the original back from any of those states, or from one half put
 * back already: a recovery undoes a swap that was killed at any point, or never started.
 */
record DirectorySwap(Path live, Path staged, Path previous) {

    /** {@code live} becomes {@code previous}, then {@code staged} becomes {@code live}. */
    void swapIn() {
        move(live, previous);
        move(staged, live);
    }

    void swapBack() {
        if (!exists(previous)) {
            return;     // never moved out, or put back already
        }
        if (exists(staged)) {
            // the restored one never moved in (or moved back out): the original comes back if it is not there
            if (!exists(live)) {
                move(previous, live);
            }
            return;
        }
        if (exists(live)) {
            move(live, staged);
        }
        move(previous, live);
    }

    private static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
