package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;

/**
 * A file another process is still writing, read as it grows: at its current end a read waits for
 * more, until {@code finished} says the writer closed it; only a read that finds nothing more
 * after that is its end.
 */
final class GrowingFile extends InputStream {
    /** How long a read at the current end waits before it looks again. */
    private static final long WAIT_MILLIS = 10;

    private final FileChannel channel;
    private final BooleanSupplier finished;
    private final BooleanSupplier abandoned;
    private long read;

    GrowingFile(Path file, BooleanSupplier finished, BooleanSupplier abandoned) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.finished = finished;
        this.abandoned = abandoned;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            // asked before reading: a file closed before a read that finds nothing has ended
            boolean closed = finished.getAsBoolean();
            int n = channel.read(ByteBuffer.wrap(bytes, offset, length));
            if (n > 0) {
                read += n;
                return n;
            }
            if (closed) {
                return -1;
            }
            if (abandoned.getAsBoolean()) {
                throw new InterruptedIOException("the writer of the file stopped");
            }
            try {
                Thread.sleep(WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while following a file");
            }
        }
    }

    /** The bytes read so far: at the end, the file's whole size. */
    long bytesRead() {
        return read;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
