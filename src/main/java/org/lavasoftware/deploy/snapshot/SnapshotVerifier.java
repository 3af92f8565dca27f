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

    /** Verifies against {@code manifest}; {@code progress} advances by bytes hashed. */
    public VerifyReport verify(Path dir, Manifest manifest, Progress progress) {
        List<VerifyReport.Problem> problems = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        Set<Path> safeDirs = new HashSet<>();
        long bytes = 0;
        for (ManifestEntry entry : manifest.files()) {
            listed.add(entry.path());
            Path file = dir.resolve(entry.path());
            try {
                if (!insideWithoutLinks(dir, file.getParent(), safeDirs)) {
                    problems.add(problem(VerifyReport.Kind.WRONG_TYPE, entry, "a directory on its way is a link"));
                    continue;
                }
                VerifyReport.Problem problem = check(file, entry, progress);
                if (problem != null) {
                    problems.add(problem);
                }
                bytes += entry.size();
            } catch (NoSuchFileException e) {
                problems.add(problem(VerifyReport.Kind.MISSING, entry, "missing"));
            } catch (IOException e) {
                throw ToolException.failed("cannot verify " + file + ": " + IoErrors.describe(e), e);
            }
        }
        if (reportExtra) {
            for (String extra : unlisted(dir, listed)) {
                problems.add(new VerifyReport.Problem(VerifyReport.Kind.EXTRA, extra, "not in the manifest"));
            }
        }
        return new VerifyReport(dir, depth, problems, manifest.files().size(), bytes);
    }

    private VerifyReport.Problem check(Path file, ManifestEntry entry, Progress progress) throws IOException {
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
        if (attributes.size() != entry.size()) {
            return sizeProblem(entry, attributes.size());
        }
        if (depth == Depth.QUICK) {
            return null;
        }
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
