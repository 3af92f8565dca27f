package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Set;
import org.lavasoftware.deploy.engine.Progress;

/**
 * Copies one regular file to a new path, hashing the bytes on the way, in fixed-size chunks. The
 * copy is created readable by its owner only, is given the source's mode (without set-id bits),
 * owner and modification time once its content is complete, and is flushed to disk.
 */
final class FileCopy {
    private static final Set<StandardOpenOption> NEW_FILE = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);

    private FileCopy() {
    }

    /**
     * The size and hash of what was copied. {@code before} is the source as it was before the
     * copy started: its mtime is the copy's, so that a file appended to during the copy looks
     * changed to the next backup and is copied again.
     */
    static Sha256.Sum copy(Path source, UnixAttributes before, Path target, Progress progress) throws IOException {
        MessageDigest digest = Sha256.digest();
        ByteBuffer buffer = ByteBuffer.allocate(Sha256.CHUNK);
        long size = 0;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, NEW_FILE, PosixFilePermissions.asFileAttribute(
                     PosixFilePermissions.fromString("rw-------")))) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer.array(), 0, n);
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                buffer.clear();
                size += n;
                progress.advance(n);
            }
            // the attributes first, then one flush for data and attributes together
            UnixAttributes.setOwner(target, before.uid(), before.gid());
            UnixAttributes.setMode(target, before.permissions());
            UnixAttributes.setMtime(target, before.mtime());
            out.force(true);
        }
        return new Sha256.Sum(size, Sha256.hex(digest));
    }
}
