package org.lavasoftware.deploy.snapshot;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Set;
import org.lavasoftware.deploy.engine.Progress;

/**
 * Media are stored one zstd file per media file (FILE.zst, readable with zstdcat): smaller than
 * the classic gzip'd tar at a fraction of its time, and still a file per file, so the next backup
 * can link the unchanged ones. The database dump's table files are stored the same way. Each frame
 * carries zstd's checksum.
 */
final class MediaCompression {
    /**
     * Level 2: on LAVA's job logs and dumped tables a file each, 7% smaller than the classic
     * gzip'd tar and dump, at a fifth of gzip's CPU time; level 3 saves under 1% more for 25% more
     * time, level 1 costs 4% more bytes (bench/backup measured them).
     */
    static final int LEVEL = 2;
    static final String SUFFIX = ".zst";
    private static final Set<StandardOpenOption> NEW_FILE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    /**
     * One buffer per worker thread, and zstd's streams without finalizers (their native contexts
     * are freed on close, not when a collection gets round to them) and with recycled buffers: the
     * tool's memory stays the same whatever the number and size of the files.
     */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[Sha256.CHUNK]);

    /** What was stored: the stored bytes' size and hash, and the source's size. */
    record Stored(long size, String sha256, long sourceSize) {
    }

    private MediaCompression() {
    }

    /**
     * Compresses {@code source} into {@code target}, hashing what is written. {@code before} is the
     * source as the plan saw it: its mtime is the stored file's, so a file appended to meanwhile
     * looks changed to the next backup. Not flushed to disk: the writer flushes the whole snapshot
     * at once before its manifest is written.
     */
    static Stored compress(Path source, UnixAttributes before, Path target, Progress progress) throws IOException {
        MessageDigest digest = Sha256.digest();
        long sourceSize;
        long storedSize;
        try (FileChannel out = FileChannel.open(target, NEW_FILE, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")))) {
            Counted hashed = new Counted(Channels.newOutputStream(out), digest);
            try (InputStream in = Files.newInputStream(source)) {
                sourceSize = compress(in, hashed, progress);
            }
            storedSize = hashed.count();
            UnixAttributes.setOwner(target, before.uid(), before.gid());
            UnixAttributes.setMode(target, before.permissions());
            UnixAttributes.setMtime(target, before.mtime());
        }
        return new Stored(storedSize, Sha256.hex(digest), sourceSize);
    }

    /**
     * Compresses everything {@code in} holds onto {@code out} as one zstd frame with its checksum;
     * returns the bytes read. {@code out} is left open.
     */
    static long compress(InputStream in, OutputStream out, Progress progress) throws IOException {
        return compress(in, out, progress, 0);
    }

    /**
     * As {@link #compress(InputStream, OutputStream, Progress)}, with {@code workers} threads of
     * zstd's own compressing parts of the stream side by side (0: this thread alone). One big
     * file, such as the dump of the test-case table, then uses every core instead of one.
     */
    static long compress(InputStream in, OutputStream out, Progress progress, int workers) throws IOException {
        long read = 0;
        try (ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        }, RecyclingBufferPool.INSTANCE, LEVEL)) {
            zstd.setChecksum(true);
            if (workers > 0) {
                zstd.setWorkers(workers);
            }
            byte[] buffer = BUFFER.get();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                zstd.write(buffer, 0, n);
                read += n;
                progress.advance(n);
            }
        }
        return read;
    }

    /** A stored file's content as it was before compression. */
    static InputStream decompressing(Path stored) throws IOException {
        return new ZstdInputStreamNoFinalizer(Files.newInputStream(stored), RecyclingBufferPool.INSTANCE);
    }

    /** Copies {@code in} to {@code out} with this thread's buffer; returns the bytes copied. */
    static long copy(InputStream in, OutputStream out, Progress progress) throws IOException {
        byte[] buffer = BUFFER.get();
        long size = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            size += n;
            progress.advance(n);
        }
        return size;
    }

    /** Decompresses a stored file to {@code target}; returns the bytes written. */
    static long decompress(Path stored, Path target, Progress progress) throws IOException {
        try (InputStream in = decompressing(stored);
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            return copy(in, out, progress);
        }
    }

    /** Passes bytes on, counting and hashing them; closing it leaves the file open. */
    private static final class Counted extends java.io.FilterOutputStream {
        private final MessageDigest digest;
        private long count;

        Counted(OutputStream out, MessageDigest digest) {
            super(out);
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            digest.update(bytes, offset, length);
            count += length;
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }

        long count() {
            return count;
        }
    }
}
