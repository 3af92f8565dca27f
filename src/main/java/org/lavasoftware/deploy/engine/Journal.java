package org.lavasoftware.deploy.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lavasoftware.deploy.io.AtomicFile;
import org.lavasoftware.deploy.model.InstanceLayout;

/**
 * The progress of one operation on one instance, written line by line and flushed to disk before
 * each step starts and after it ends, so that a process killed at any moment leaves behind exactly
 * what it had done. A journal that still exists when no process holds the instance's lock is an
 * interrupted operation; a completed operation deletes its journal.
 *
 * <p>Format, one record per line, tab-separated, values URL-encoded:
 * {@code begin KIND TIME PID STEPS k=v...}, {@code tool VERSION}, {@code fact KEY [VALUE]},
 * {@code start I TITLE}, {@code done I}, {@code undo I}, {@code undone I}. A record of a later
 * version is skipped.
 */
public final class Journal implements AutoCloseable {
    private static final Set<StandardOpenOption> NEW_FILE = Set.of(
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    private final Path file;
    private final FileChannel channel;
    private final String kind;

    private Journal(Path file, FileChannel channel, String kind) {
        this.file = file;
        this.channel = channel;
        this.kind = kind;
    }

    /**
     * Starts the journal of a new operation; there must be none already. {@code facts} are what
     * its plan saw of the machine; the journal receives each one its steps learn later.
     */
    public static Journal begin(Path file, String kind, Map<String, String> parameters, int steps, PlanFacts facts) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, NEW_FILE, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            AtomicFile.syncDirectory(file.getParent());
            Journal journal = new Journal(file, channel, kind);
            StringBuilder line = new StringBuilder("begin\t").append(encode(kind)).append('\t')
                    .append(Instant.now()).append('\t').append(ProcessHandle.current().pid()).append('\t')
                    .append(steps);
            parameters.forEach((k, v) -> line.append('\t').append(encode(k)).append('=').append(encode(v)));
            journal.append(line.toString());
            journal.append("tool\t" + encode(Engine.toolVersion()));
            facts.attach(journal);
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Continues the journal of an interrupted operation, for recovery; new facts are written to it. */
    public static Journal resume(Path file, JournalState state, PlanFacts facts) {
        try {
            Journal journal = new Journal(file, FileChannel.open(file, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), state.kind());
            facts.attach(journal);
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file + ": " + e.getMessage(), e);
        }
    }

    public void started(int index, String title) {
        append("start\t" + index + "\t" + encode(title));
        FaultInjection.at(kind, index, FaultInjection.Moment.BEFORE);
    }

    public void done(int index) {
        append("done\t" + index);
        FaultInjection.at(kind, index, FaultInjection.Moment.AFTER);
    }

    public void undoing(int index) {
        append("undo\t" + index);
        FaultInjection.at(kind, index, FaultInjection.Moment.UNDO);
    }

    public void undone(int index) {
        append("undone\t" + index);
    }

    /** A fact the plan saw or a step learnt ({@link PlanFacts}); null is recorded as such. */
    void fact(String key, String value) {
        append("fact\t" + encode(key) + (value == null ? "" : "\t" + encode(value)));
    }

    /** The operation has ended in a consistent state: forget it. */
    public void finish() {
        close();
        try {
            Files.deleteIfExists(file);
            AtomicFile.syncDirectory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException ignored) {
            // every record was already forced to disk
        }
    }

    private void append(String line) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the journal left at {@code file}, if any. */
    public static Optional<JournalState> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The operation interrupted on an instance: its journal when no process holds the instance's
     * lock (while one does, the journal is that of the operation it is running).
     */
    public static Optional<JournalState> interruptedOn(InstanceLayout layout) {
        return InstanceLock.holder(layout.lockFile()).isPresent() ? Optional.empty() : read(layout.journalFile());
    }

    static JournalState parse(String text) {
        JournalState.Builder state = new JournalState.Builder();
        // each record is written with its newline in one write: text after the last newline is a
        // record the crash tore, and says nothing
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        for (String line : complete.split("\n")) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "begin" -> {
                    Map<String, String> params = new LinkedHashMap<>();
                    for (int i = 5; i < f.length; i++) {
                        int eq = f[i].indexOf('=');
                        params.put(decode(f[i].substring(0, eq)), decode(f[i].substring(eq + 1)));
                    }
                    state.begin(decode(f[1]), Instant.parse(f[2]), Long.parseLong(f[3]),
                            Integer.parseInt(f[4]), params);
                }
                case "start" -> state.started(Integer.parseInt(f[1]), decode(f[2]));
                case "tool" -> state.tool(decode(f[1]));
                case "fact" -> state.fact(decode(f[1]), f.length > 2 ? decode(f[2]) : null);
                case "done" -> state.done(Integer.parseInt(f[1]));
                case "undo" -> state.undoing(Integer.parseInt(f[1]));
                case "undone" -> state.undone(Integer.parseInt(f[1]));
                default -> {
                    // an empty journal, or a record of a later version: nothing to act on
                }
            }
        }
        return state.build();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

}
