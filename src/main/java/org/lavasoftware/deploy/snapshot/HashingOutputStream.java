package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.function.Consumer;

/**
 * A file of a snapshot being written: hashed and counted as the bytes go by, flushed to disk on
 * {@link #close()}, which hands the finished sum to whoever records it.
 */
final class HashingOutputStream extends OutputStream {
    private final FileChannel channel;
    private final MessageDigest digest = Sha256.digest();
    private final Consumer<Sha256.Sum> done;
    private long size;
    private boolean closed;

    HashingOutputStream(FileChannel channel, Consumer<Sha256.Sum> done) {
        this.channel = channel;
        this.done = done;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        digest.update(bytes, offset, length);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        size += length;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            channel.force(true);
        }
        done.accept(new Sha256.Sum(size, Sha256.hex(digest)));
    }
}
