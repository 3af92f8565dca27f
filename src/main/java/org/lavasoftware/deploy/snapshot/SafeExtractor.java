package org.lavasoftware.deploy.snapshot;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.Progress;
import org.lavasoftware.deploy.io.AtomicFile;

/**
 * Unpacks a tar or tar.gz (a classic snapshot's {@code files.tar.gz}, any {@code etc.tar.gz})
 * into a new directory it creates, trusting nothing in the archive. Refused, naming the entry:
 * absolute paths, {@code ..}, hard links, devices, FIFOs, links leading outside, and more bytes
 * or entries than the limits. Links are made only after every file, so no file is ever written
 * through one; set-id bits are dropped. On any refusal or error the directory is removed whole.
 */
public final class SafeExtractor {
    private static final int DEFAULT_DIRECTORY_MODE = 0755;

    private final ExtractLimits limits;
    private final Ownership ownership;

    /** {@code ownership}: the owner for everything made, or null to keep the extracting user's. */
    public SafeExtractor(ExtractLimits limits, Ownership ownership) {
        this.limits = limits;
        this.ownership = ownership;
    }

    /** An archive entry that must not be unpacked; the message names it and says why. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private record PendingLink(String entry, Path path, String target, FileTime mtime) {
    }

    public ExtractResult extract(Path archive, Path target, Progress progress) {
        Path root = target.toAbsolutePath().normalize();
        try {
            Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            throw ToolException.failed("cannot extract into " + root + ": it exists already, and extraction makes a new directory");
        } catch (IOException e) {
            throw ToolException.failed("cannot create " + root + ": " + IoErrors.describe(e), e);
        }
        try (InputStream in = open(archive); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            return new Extraction(root, progress).run(tar);
        } catch (Refused e) {
            removeQuietly(root);
            throw ToolException.failed("refusing " + archive + ": " + e.getMessage() + "; nothing of it was kept");
        } catch (BoundedInputStream.LimitExceeded e) {
            removeQuietly(root);
            throw ToolException.failed("refusing " + archive + ": it unpacks to " + e.getMessage()
                    + ", beyond its limits; nothing of it was kept");
        } catch (IOException | UncheckedIOException e) {
            removeQuietly(root);
            throw ToolException.failed("cannot extract " + archive + ": " + IoErrors.describe(e) + "; nothing of it was kept", e);
        } catch (RuntimeException e) {
            removeQuietly(root);
            throw e;
        }
    }

    private InputStream open(Path archive) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(archive), Sha256.CHUNK);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        InputStream tar = gzip ? new GzipCompressorInputStream(in, true) : in;
        return new BoundedInputStream(tar, limits.maxArchiveBytes());
    }

    private static void removeQuietly(Path root) {
        try {
            Trees.delete(root);
        } catch (IOException e) {
            // the refusal is what the user must read; a leftover directory is named in it
        }
    }

    /** One extraction's state: what was made, and what is still to do once all files are in. */
    private final class Extraction {
        private final Path root;
        private final Progress progress;
        private final Map<Path, TarArchiveEntry> directories = new LinkedHashMap<>();
        private final List<Path> implicitDirectories = new ArrayList<>();
        private final List<PendingLink> links = new ArrayList<>();
        private long entries;
        private long files;
        private long bytes;

        Extraction(Path root, Progress progress) {
            this.root = root;
            this.progress = progress;
        }

        ExtractResult run(TarArchiveInputStream tar) throws IOException {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw new Refused("it has more than " + limits.maxEntries() + " entries");
                }
                String raw = entry.getName();
                String name = relativeName(raw);
                if (name.isEmpty()) {
                    if (!entry.isDirectory()) {
                        throw new Refused("entry " + Names.shown(raw) + " names the top directory but is no directory");
                    }
                    continue;
                }
                place(tar, entry, raw, root.resolve(name));
            }
            makeLinks();
            finishDirectories();
            if (ownership != null) {
                UnixAttributes.setOwner(root, ownership.uid(), ownership.gid());
            }
            return new ExtractResult(files, directories.size() + implicitDirectories.size(), links.size(), bytes,
                    ownership != null && UnixAttributes.ROOT);
        }

        private void place(TarArchiveInputStream tar, TarArchiveEntry entry, String raw, Path path) throws IOException {
            String shown = "entry " + Names.shown(raw);
            if (entry.isSymbolicLink()) {
                String target = entry.getLinkName();
                if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
                    throw new Refused(shown + " is a link without a usable target");
                }
                if (target.startsWith("/")) {
                    throw new Refused(shown + " is a link to " + Names.shown(target) + ", outside the extraction");
                }
                links.add(new PendingLink(raw, path, target, entry.getLastModifiedTime()));
            } else if (entry.isLink()) {
                throw new Refused(shown + " is a hard link, which is never restored");
            } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
                throw new Refused(shown + " is a device");
            } else if (entry.isFIFO()) {
                throw new Refused(shown + " is a FIFO");
            } else if (entry.isDirectory()) {
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    throw new Refused(shown + " appears twice");
                }
                ConfinedPaths.createDirectories(root, path, implicitDirectories::add);
                implicitDirectories.remove(path);
                directories.put(path, entry);
            } else if (isRegularFile(entry)) {
                writeFile(tar, entry, shown, path);
            } else {
                throw new Refused(shown + " has the unsupported type '" + (char) entry.getLinkFlag() + "'");
            }
        }

        private void writeFile(TarArchiveInputStream tar, TarArchiveEntry entry, String shown, Path path) throws IOException {
            if (entry.getSize() > limits.maxBytes() - bytes) {
                throw new Refused(shown + " would take the files beyond " + limits.maxBytes() + " bytes");
            }
            ConfinedPaths.createDirectories(root, path.getParent(), implicitDirectories::add);
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new Refused(shown + " appears twice");
            }
            byte[] buffer = new byte[Sha256.CHUNK];
            try (FileChannel out = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                int n;
                while ((n = tar.read(buffer)) >= 0) {
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    bytes += n;
                    progress.advance(n);
                }
                applyAttributes(path, entry.getMode(), entry.getLastModifiedTime());
                out.force(true);
            }
            files++;
        }

        /** Makes the links once every file is in, then follows each to prove it stays inside. */
        private void makeLinks() throws IOException {
            for (PendingLink link : links) {
                String shown = "entry " + Names.shown(link.entry());
                if (!ConfinedPaths.noLinkOnTheWay(root, link.path())) {
                    throw new Refused(shown + " lies below a link");
                }
                ConfinedPaths.createDirectories(root, link.path().getParent(), implicitDirectories::add);
                if (Files.exists(link.path(), LinkOption.NOFOLLOW_LINKS)) {
                    throw new Refused(shown + " appears twice");
                }
                Files.createSymbolicLink(link.path(), Path.of(link.target()));
                if (ownership != null) {
                    UnixAttributes.setOwner(link.path(), ownership.uid(), ownership.gid());
                }
                UnixAttributes.setMtime(link.path(), link.mtime());
            }
            for (PendingLink link : links) {
                if (!ConfinedPaths.leadsInside(root, link.path())) {
                    throw new Refused("entry " + Names.shown(link.entry()) + " is a link to " + Names.shown(link.target())
                            + ", which leads outside the extraction");
                }
            }
        }

        /** Modes and times last, deepest first: making entries changes both needs and mtimes. */
        private void finishDirectories() throws IOException {
            List<Path> all = new ArrayList<>(directories.keySet());
            all.addAll(implicitDirectories);
            all.sort(Comparator.comparingInt(Path::getNameCount).reversed());
            for (Path dir : all) {
                TarArchiveEntry entry = directories.get(dir);
                applyAttributes(dir, entry == null ? DEFAULT_DIRECTORY_MODE : entry.getMode(),
                        entry == null ? null : entry.getLastModifiedTime());
                AtomicFile.syncDirectory(dir);
            }
            AtomicFile.syncDirectory(root);
        }

        private void applyAttributes(Path path, int mode, FileTime mtime) throws IOException {
            if (ownership != null) {
                UnixAttributes.setOwner(path, ownership.uid(), ownership.gid());
            }
            UnixAttributes.setMode(path, mode);
            if (mtime != null) {
                UnixAttributes.setMtime(path, mtime);
            }
        }

        /** The entry's path without "./" and trailing "/", refused when it could lead out. */
        private String relativeName(String raw) {
            if (raw.startsWith("/")) {
                throw new Refused("entry " + Names.shown(raw) + " has an absolute path");
            }
            String name = raw;
            while (name.startsWith("./")) {
                name = name.substring(2);
            }
            while (name.endsWith("/")) {
                name = name.substring(0, name.length() - 1);
            }
            if (name.isEmpty() || name.equals(".")) {
                return "";
            }
            String problem = Names.problemWithRelative(name);
            if (problem != null) {
                throw new Refused("entry " + Names.shown(raw) + " is unsafe: " + problem);
            }
            return name;
        }
    }

    /** Plain files of every tar dialect: '0', the old NUL flag, and contiguous '7'. */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return flag == '0' || flag == 0 || flag == '7';
    }
}
