package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.lavasoftware.deploy.engine.Progress;

/**
 * Packs a directory tree into a tar.gz, as {@code tar -C DIR -czf - .} would: directories, files
 * and links with their modes, owners and mtimes, long names in POSIX (PAX) headers. For the
 * settings ({@code etc.tar.gz}); the media are stored as a tree instead (see {@link MediaStore}).
 * Anything else (sockets, FIFOs, devices) is left out, as no instance keeps such things in etc.
 */
public final class TarPacker {
    private TarPacker() {
    }

    /** Writes the archive of {@code dir} to {@code out} (left open) and returns the bytes of files packed. */
    public static long pack(Path dir, OutputStream out, Progress progress) throws IOException {
        GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(new NonClosing(out));
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            long[] bytes = {0};
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    add(tar, dir, d, TarConstants.LF_DIR, null);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    UnixAttributes a = UnixAttributes.of(file);
                    if (a.isSymlink()) {
                        add(tar, dir, file, TarConstants.LF_SYMLINK, Files.readSymbolicLink(file).toString());
                    } else if (a.isRegularFile()) {
                        bytes[0] += addFile(tar, dir, file, a, progress);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            tar.finish();
            return bytes[0];
        }
    }

    private static void add(TarArchiveOutputStream tar, Path dir, Path path, byte type, String linkTarget)
            throws IOException {
        TarArchiveEntry entry = entry(dir, path, type, UnixAttributes.of(path));
        if (linkTarget != null) {
            entry.setLinkName(linkTarget);
        }
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static long addFile(TarArchiveOutputStream tar, Path dir, Path file, UnixAttributes a, Progress progress)
            throws IOException {
        TarArchiveEntry entry = entry(dir, file, TarConstants.LF_NORMAL, a);
        entry.setSize(a.size());
        tar.putArchiveEntry(entry);
        long copied = 0;
        byte[] buffer = new byte[Sha256.CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            // exactly the size in the header: a file that grows meanwhile is cut there, not corrupting the archive
            while (copied < a.size() && (n = in.read(buffer, 0, (int) Math.min(buffer.length, a.size() - copied))) >= 0) {
                tar.write(buffer, 0, n);
                copied += n;
                progress.advance(n);
            }
        }
        if (copied < a.size()) {
            throw new IOException(file + " shrank while it was archived");
        }
        tar.closeArchiveEntry();
        return copied;
    }

    private static TarArchiveEntry entry(Path dir, Path path, byte type, UnixAttributes a) {
        String name = dir.relativize(path).toString();
        name = name.isEmpty() ? "./" : "./" + name + (type == TarConstants.LF_DIR ? "/" : "");
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setMode(a.permissions());
        entry.setUserId(a.uid());
        entry.setGroupId(a.gid());
        entry.setLastModifiedTime(a.mtime());
        return entry;
    }

    /** Lets the archive finish its gzip trailer without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
