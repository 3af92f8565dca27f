package org.lavasoftware.deploy.adapters.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;

/**
 * Removes a directory nobody needs any more without making the command wait for it: it is
 * renamed out of the way at once (a hidden {@value #PREFIX} sibling, on the same file system) and
 * {@code rm} deletes it in a session of its own, which outlives the tool. Deleting the gigabytes
 * of media a restore replaced takes seconds (tens of them where the file system discards freed
 * blocks online), and the instance needs none of it. A removal that was cut short leaves its
 * directory under that name; the next discard beside it removes it too.
 */
public final class BackgroundRemoval {
    /** What the renamed directories' names start with. */
    public static final String PREFIX = ".discarded-";

    private BackgroundRemoval() {
    }

    /**
     * Renames {@code dir} out of the way and removes it, and any discarded beside it, in the
     * background. Called again once {@code dir} is gone (a step finished again by a recovery), it
     * still removes what a removal cut short left beside it.
     */
    public static void discard(Path dir, ProcessRunner runner) {
        Path parent = dir.toAbsolutePath().getParent();
        if (Files.exists(dir)) {
            Path discarded = parent.resolve(PREFIX + dir.getFileName() + "-" + System.currentTimeMillis());
            try {
                Files.move(dir, discarded, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rename " + dir + " to " + discarded + ": " + e.getMessage(), e);
            }
        } else if (!Files.isDirectory(parent)) {
            return;
        }
        List<Path> doomed = discardedIn(parent);
        if (doomed.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("rm", "-r", "-f", "--one-file-system", "--"));
        doomed.forEach(p -> argv.add(p.toString()));
        try {
            runner.detached(Command.of(argv).build());
        } catch (ToolException e) {
            // no session of its own to be had: removed now, the command waits after all
            runner.log().line("  " + e.getMessage() + "; removing " + doomed + " now");
            doomed.forEach(Filesystem::deleteTree);
        }
    }

    /** The directories discarded in {@code parent} and not removed (yet). */
    public static List<Path> discardedIn(Path parent) {
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(p -> p.getFileName().toString().startsWith(PREFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent + ": " + e.getMessage(), e);
        }
    }
}
