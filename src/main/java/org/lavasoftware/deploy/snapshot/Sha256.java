package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.lavasoftware.deploy.engine.Progress;

/** SHA-256 of files and streams, read in fixed-size chunks: memory does not grow with the file. */
final class Sha256 {
    static final int CHUNK = 256 * 1024;

    /** One per hashing thread: verifying thousands of files allocates nothing per file. */
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(CHUNK));

    private Sha256() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The hash and the length of what {@code file} holds now. */
    record Sum(long size, String sha256) {
    }

    static Sum of(Path file, Progress progress) throws IOException {
        MessageDigest digest = digest();
        ByteBuffer buffer = BUFFER.get().clear();
        long size = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer.array(), 0, n);
                buffer.clear();
                size += n;
                progress.advance(n);
            }
        }
        return new Sum(size, hex(digest));
    }
}
