package org.lavasoftware.deploy.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Which files in a directory the processes this tool started still hold open, as Linux tells in
 * {@code /proc/PID/fd}. A file another program writes is whole once it is no longer open there:
 * that is how a backup knows a table of the dump is complete while the dump goes on.
 */
public final class OpenFiles {
    private static final Path PROC = Path.of("/proc");

    private OpenFiles() {
    }

    /**
     * The files directly in {@code dir} (a real path, without links) that a descendant of this
     * process has open now; empty when this cannot be told (no {@code /proc}, a process whose
     * descriptors cannot be read), so that a caller never takes an open file for a finished one.
     */
    public static Optional<Set<Path>> in(Path dir) {
        Set<Path> open = new HashSet<>();
        Iterator<ProcessHandle> processes = ProcessHandle.current().descendants().iterator();
        while (processes.hasNext()) {
            Path fds = PROC.resolve(Long.toString(processes.next().pid())).resolve("fd");
            try (DirectoryStream<Path> listing = Files.newDirectoryStream(fds)) {
                for (Path fd : listing) {
                    Path file;
                    try {
                        file = Files.readSymbolicLink(fd);
                    } catch (NoSuchFileException e) {
                        continue;   // closed since it was listed
                    }
                    if (dir.equals(file.getParent())) {
                        open.add(file);
                    }
                }
            } catch (NoSuchFileException e) {
                // the process ended: it holds nothing open
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.of(open);
    }
}
