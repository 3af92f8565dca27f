package org.lavasoftware.deploy.snapshot;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** File-system errors as the end of a one-line message: NIO's own messages are often a bare path. */
final class IoErrors {
    private IoErrors() {
    }

    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            return describe(u.getCause());
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied on " + a.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + " does not exist";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " already exists";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        if (e instanceof EOFException) {
            return "the data ends too early (a truncated file?)";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    static boolean isIo(Throwable e) {
        return e instanceof IOException || e instanceof UncheckedIOException;
    }
}
