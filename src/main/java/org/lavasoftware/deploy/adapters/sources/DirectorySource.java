package org.lavasoftware.deploy.adapters.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.snapshot.TreeCopier;

/**
 * A directory of LAVA's code (a developer's branch): a revision is a copy of what it holds now,
 * named after a fingerprint of its files, so an unchanged directory is the same revision.
 */
public final class DirectorySource implements CodeSource {
    private final Path dir;

    public DirectorySource(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public String kind() {
        return "directory";
    }

    @Override
    public String describe() {
        return "directory " + dir;
    }

    @Override
    public Revision resolve(String requested) {
        if (!Files.isDirectory(dir)) {
            throw ToolException.badInput("no directory " + dir + " for LAVA_SERVER_BRANCH");
        }
        String id = "d" + fingerprint().substring(0, 10);
        if (requested != null && !requested.equals(id)) {
            throw ToolException.badInput("a directory has one revision, what it holds now (" + id + "); give none");
        }
        return new Revision(id, "what " + dir + " holds now");
    }

    @Override
    public void fetch(Revision revision, Path target) {
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        Filesystem.deleteTree(partial);
        try {
            TreeCopier.copy(dir, partial, null, org.lavasoftware.deploy.engine.Progress.NONE);
            Filesystem.deleteTree(partial.resolve(".git"));
            Filesystem.deleteTree(partial.resolve(".bzr"));
            Files.move(partial, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + dir + " to " + target + ": " + e.getMessage(), e);
        } finally {
            Filesystem.deleteTree(partial);
        }
    }

    /** Paths, sizes and modification times of every file but version control's. */
    private String fingerprint() {
        try (Stream<Path> files = Files.walk(dir)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.filter(Files::isRegularFile).filter(f -> !dir.relativize(f).toString().matches("(\\.git|\\.bzr)(/.*)?"))
                    .sorted().forEach(f -> {
                        try {
                            digest.update((dir.relativize(f) + "\0" + Files.size(f) + "\0"
                                    + Files.getLastModifiedTime(f).toMillis() + "\n").getBytes(StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
