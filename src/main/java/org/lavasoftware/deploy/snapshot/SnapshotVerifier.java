package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.Progress;

/**
 * Checks a snapshot's files against its manifest. {@link Depth#QUICK} looks at presence, type and
 * size (what the writer checks before moving {@code latest}); {@link Depth#FULL} also re-reads
 * every byte and compares SHA-256, which finds a flipped bit as well as a truncated file. Files a
 * manifest does not list are reported too when asked for.
 */
public final class SnapshotVerifier {
    public enum Depth { QUICK, FULL }

    private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final Depth depth;
    private final boolean reportExtra;

    public SnapshotVerifier(Depth depth, boolean reportExtra) {
        this.depth = depth;
        this.reportExtra = reportExtra;
    }

    /** Verifies the snapshot in {@code dir} against the manifest found there. */
    public VerifyReport verify(Path dir, Progress progress) {
        return verify(dir, Manifest.read(dir.resolve(SnapshotLayout.MANIFEST)), progress);
    }

    /**
     * Verifies against {@code manifest}; {@code progress} advances by bytes hashed. The layout is
     * checked first, file by file; then the contents are hashed several files at a time.
     */
    public VerifyReport verify(Path dir, Manifest manifest, Progress progress) {
        List<ManifestEntry> files = manifest.files();
        VerifyReport.Problem[] found = new VerifyReport.Problem[files.size()];
        List<Integer> toHash = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        Set<Path> safeDirs = new HashSet<>();
        long bytes = 0;
        for (int i = 0; i < files.size(); i++) {
            ManifestEntry entry = files.get(i);
            listed.add(entry.path());
            Path file = dir.resolve(entry.path());
            try {
                if (!insideWithoutLinks(dir, file.getParent(), safeDirs)) {
                    found[i] = problem(VerifyReport.Kind.WRONG_TYPE, entry, "a directory on its way is a link");
                    continue;
                }
                found[i] = checkLayout(file, entry);
                if (found[i] == null && entry.isFile() && depth == Depth.FULL) {
                    toHash.add(i);
                }
                bytes += entry.size();
            } catch (NoSuchFileException e) {
                found[i] = problem(VerifyReport.Kind.MISSING, entry, "missing");
            } catch (IOException e) {
                throw ToolException.failed("cannot verify " + file + ": " + IoErrors.describe(e), e);
            }
        }
        hashAll(dir, files, toHash, found, progress);
        List<VerifyReport.Problem> problems = new ArrayList<>();
        for (VerifyReport.Problem problem : found) {
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (reportExtra) {
            for (String extra : unlisted(dir, listed)) {
                problems.add(new VerifyReport.Problem(VerifyReport.Kind.EXTRA, extra, "not in the manifest"));
            }
        }
        return new VerifyReport(dir, depth, problems, files.size(), bytes);
    }

    private static void hashAll(Path dir, List<ManifestEntry> files, List<Integer> toHash, VerifyReport.Problem[] found,
                                Progress progress) {
        if (toHash.isEmpty()) {
            return;
        }
        try (ParallelWork<Void> work = new ParallelWork<>(WORKERS)) {
            for (int i : toHash) {
                ManifestEntry entry = files.get(i);
                work.submit(() -> {
                    found[i] = checkContent(dir.resolve(entry.path()), entry, progress);
                    return null;
                });
            }
            work.results();
        } catch (NoSuchFileException e) {
            throw ToolException.failed("a file of " + dir + " went away while it was verified: " + e.getMessage(), e);
        } catch (IOException e) {
            throw ToolException.failed("cannot verify " + dir + ": " + IoErrors.describe(e), e);
        }
    }

    /** Presence, type, link target and size: what {@link Depth#QUICK} checks. */
    private static VerifyReport.Problem checkLayout(Path file, ManifestEntry entry) throws IOException {
        UnixAttributes attributes = UnixAttributes.of(file);
        if (!entry.isFile()) {
            if (!attributes.isSymlink()) {
                return problem(VerifyReport.Kind.WRONG_TYPE, entry, "should be a link");
            }
            String target = Files.readSymbolicLink(file).toString();
            return target.equals(entry.target()) ? null
                    : problem(VerifyReport.Kind.LINK_TARGET, entry, "points to " + target + ", manifest says " + entry.target());
        }
        if (!attributes.isRegularFile()) {
            return problem(VerifyReport.Kind.WRONG_TYPE, entry, "should be a regular file");
        }
        return attributes.size() != entry.size() ? sizeProblem(entry, attributes.size()) : null;
    }

    private static VerifyReport.Problem checkContent(Path file, ManifestEntry entry, Progress progress) throws IOException {
        Sha256.Sum sum = Sha256.of(file, progress);
        if (sum.size() != entry.size()) {
            return sizeProblem(entry, sum.size());
        }
        return sum.sha256().equals(entry.sha256()) ? null
                : problem(VerifyReport.Kind.HASH, entry, "content differs (sha256 " + sum.sha256().substring(0, 12)
                + "..., manifest says " + entry.sha256().substring(0, 12) + "...)");
    }

    private static VerifyReport.Problem sizeProblem(ManifestEntry entry, long size) {
        return problem(VerifyReport.Kind.SIZE, entry, "size " + size + ", manifest says " + entry.size());
    }

    private static VerifyReport.Problem problem(VerifyReport.Kind kind, ManifestEntry entry, String detail) {
        return new VerifyReport.Problem(kind, entry.path(), detail);
    }

    /**
     * Whether every directory from {@code root} down to {@code dir} is a real directory: a link on
     * the way could make a manifest path lead out of the snapshot. Checked once per directory.
     */
    private static boolean insideWithoutLinks(Path root, Path dir, Set<Path> safe) throws IOException {
        if (dir.equals(root) || safe.contains(dir)) {
            return true;
        }
        if (!insideWithoutLinks(root, dir.getParent(), safe)) {
            return false;
        }
        if (!UnixAttributes.of(dir).isDirectory()) {
            return false;
        }
        safe.add(dir);
        return true;
    }

    /** The files and links under {@code dir} the manifest does not list (the manifest itself aside). */
    private static List<String> unlisted(Path dir, Set<String> listed) {
        List<String> extra = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String path = dir.relativize(file).toString();
                    if (!path.equals(SnapshotLayout.MANIFEST) && !listed.contains(path)) {
                        extra.add(path);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw ToolException.failed("cannot list " + dir + ": " + IoErrors.describe(e), e);
        }
        extra.sort(null);
        return extra;
    }
}
