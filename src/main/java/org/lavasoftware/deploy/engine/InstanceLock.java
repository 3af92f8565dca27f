package org.lavasoftware.deploy.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.lavasoftware.deploy.ToolException;

/**
 * An exclusive lock on an instance (or on the root), held by one process at a time. The lock
 * itself is the kernel's ({@code fcntl}), so it dies with its process whatever the cause; the
 * file's content names the holder for the message another process shows. Content left behind by a
 * process that is gone (or by another boot) is a stale lock and is taken over, saying so.
 * Re-entrant within one process, so a recipe that holds an instance can call operations on it.
 */
public final class InstanceLock implements AutoCloseable {
    private static final Map<Path, InstanceLock> HELD = new HashMap<>();
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private int holds = 1;

    private InstanceLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock for {@code purpose}, waiting up to {@code wait} for another holder to let go.
     * {@code what} names the locked thing in messages ("instance prod"); {@code notices} receives
     * what the user should know (waiting, a stale lock taken over).
     */
    public static InstanceLock acquire(Path file, String what, String purpose, Duration wait,
                                       Consumer<String> notices) {
        Path key = file.toAbsolutePath().normalize();
        synchronized (HELD) {
            InstanceLock mine = HELD.get(key);
            if (mine != null) {
                mine.holds++;
                return mine;
            }
        }
        FileChannel channel = open(key);
        try {
            Instant deadline = Instant.now().plus(wait);
            boolean told = false;
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    LockHolder previous = LockHolder.parse(readContent(channel));
                    if (previous != null && !previous.isSelf()) {
                        notices.accept("took over the stale lock of " + what + " left by " + previous.describe()
                                + ", which is " + previous.whyStale());
                    }
                    writeContent(channel, LockHolder.current(purpose).format());
                    InstanceLock held = new InstanceLock(key, channel, lock);
                    synchronized (HELD) {
                        HELD.put(key, held);
                    }
                    return held;
                }
                LockHolder holder = LockHolder.parse(readContent(channel));
                String holderText = holder == null ? "another process" : holder.describe();
                if (Instant.now().isAfter(deadline)) {
                    throw ToolException.failed(what + " is busy: " + holderText
                            + " holds it; wait for it to finish, or pass --wait SECONDS to wait");
                }
                if (!told) {
                    notices.accept("waiting for " + what + ": " + holderText + " holds it");
                    told = true;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw ToolException.failed("interrupted while waiting for " + what);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Who holds the lock now, if anyone, without taking it. Goes through this class because
     * closing any descriptor of a locked file drops the process's lock on it.
     */
    public static Optional<String> holder(Path file) {
        Path key = file.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (HELD.containsKey(key)) {
                return Optional.of("this process");
            }
        }
        if (!Files.exists(key)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(key, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe != null) {
                probe.release();
                return Optional.empty();
            }
            LockHolder holder = LockHolder.parse(readContent(channel));
            return Optional.of(holder == null ? "another process" : holder.describe());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileChannel open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static String readContent(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static void writeContent(FileChannel channel, String content) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
    }

    @Override
    public void close() {
        synchronized (HELD) {
            if (--holds > 0) {
                return;
            }
            HELD.remove(file);
        }
        try {
            // an empty file is a free lock: nothing stale is reported after a clean release
            if (channel.isOpen()) {
                writeContent(channel, "");
            }
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases the kernel lock anyway
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more can be done for a channel that will not close
        }
    }
}
