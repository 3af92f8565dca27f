package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.Progress;
import org.lavasoftware.deploy.engine.Step;

/**
 * A directory inside a snapshot being written, where another program writes a flat tree of files
 * (pg_dump's directory format) that the snapshot keeps under one name: each file compressed as
 * FILE.zst, but for those to stay {@code plain} (such as pg_dump's {@code toc.dat}, which
 * {@code pg_restore --list} then reads as it is). Made by {@link SnapshotWriter#scratch}.
 */
public final class ScratchTree {
    /** Files are compressed this many at a time. */
    private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** A file this big is compressed by all the cores at once: the others are done before it otherwise. */
    private static final long LARGE = 64L << 20;

    private final SnapshotWriter writer;
    private final String name;
    private final Path dir;
    private final Predicate<String> plain;

    ScratchTree(SnapshotWriter writer, String name, Path dir, Predicate<String> plain) {
        this.writer = writer;
        this.name = name;
        this.dir = dir;
        this.plain = plain;
    }

    /** Where the program writes; it does not exist yet. */
    public Path dir() {
        return dir;
    }

    /**
     * Runs {@code writing}, a program that writes its files into {@link #dir()}, and adds the files
     * as they are written: each is compressed while it grows and finished once the program has
     * closed it ({@link TreeFollower}), so that compressing costs next to no time after the writing.
     * {@code writers} is how many files the program writes at once. The plain files are added
     * afterwards; then the directory is removed.
     */
    public void addAsWritten(int writers, Step.Action writing) throws Exception {
        writer.checkOpen();
        try (TreeFollower follower = new TreeFollower(dir, plain, writers + WORKERS,
                (file, in) -> writer.addCompressed(storedName(file), in, 0, Progress.NONE))) {
            follower.start();
            writing.run();
            follower.finish();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw ToolException.failed("cannot add " + dir + " to the snapshot: "
                    + (e instanceof IllegalStateException ? e.getMessage() : IoErrors.describe(e)), e);
        }
        addWritten(Progress.NONE);
    }

    /**
     * Adds every file the program wrote into {@link #dir()}, several at a time, the biggest first
     * (the small ones then fill the time it takes), then removes the directory.
     */
    public void addWritten(Progress progress) {
        writer.checkOpen();
        List<Path> files;
        try (var listing = Files.list(dir)) {
            files = listing.sorted(Comparator.comparingLong(ScratchTree::sizeOf).reversed()).toList();
        } catch (IOException | UncheckedIOException e) {
            throw ToolException.failed("cannot read " + dir + ": " + IoErrors.describe(e), e);
        }
        try (ParallelWork<Void> work = new ParallelWork<>(WORKERS)) {
            for (Path file : files) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalArgumentException(file + " is not a regular file; " + dir + " must hold only files");
                }
                String fileName = file.getFileName().toString();
                work.submit(() -> {
                    if (plain.test(fileName)) {
                        writer.copy(name + "/" + fileName, file, progress);
                    } else {
                        try (InputStream in = Files.newInputStream(file)) {
                            writer.addCompressed(storedName(fileName), in, sizeOf(file) >= LARGE ? WORKERS : 0, progress);
                        }
                    }
                    return null;
                });
            }
            work.results();
        } catch (IOException e) {
            throw ToolException.failed("cannot add " + dir + " to the snapshot: " + IoErrors.describe(e), e);
        }
        try {
            Trees.delete(dir);
        } catch (IOException e) {
            throw ToolException.failed("cannot remove " + dir + ": " + IoErrors.describe(e), e);
        }
    }

    private String storedName(String fileName) {
        return name + "/" + fileName + MediaCompression.SUFFIX;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
