package org.lavasoftware.deploy.snapshot;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lavasoftware.deploy.ToolException;

/**
 * The name of a snapshot: the UTC second it was started, {@code YYYY-MM-DDTHH-MM-SSZ} as the
 * classic tool wrote it (colons are awkward in file names), plus {@code .N} for the second, third...
 * snapshot started in the same second. Ids order chronologically, and {@code .N} after the bare id;
 * as text they also sort right for the first nine of a second, which is all a human will meet.
 */
public record SnapshotId(Instant time, int sequence) implements Comparable<SnapshotId> {
    private static final Pattern FORMAT = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})Z(?:\\.([1-9]\\d{0,5}))?");
    private static final int MAX_SEQUENCE = 999_999;

    public SnapshotId {
        if (time.getNano() != 0 || sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("a snapshot id is a whole second and a sequence 0.."
                    + MAX_SEQUENCE + ", not " + time + " and " + sequence);
        }
    }

    /** The id of a snapshot started at {@code time}, the first of its second. */
    public static SnapshotId at(Instant time) {
        return new SnapshotId(time.truncatedTo(ChronoUnit.SECONDS), 0);
    }

    /**
     * An id for a snapshot started at {@code time} that none of {@code taken} has: the next
     * sequence after the highest taken in that second, so that same-second snapshots sort in the
     * order they were made even when one of them has been pruned.
     */
    public static SnapshotId unique(Instant time, Collection<SnapshotId> taken) {
        SnapshotId id = at(time);
        int highest = -1;
        for (SnapshotId other : taken) {
            if (other.time.equals(id.time)) {
                highest = Math.max(highest, other.sequence);
            }
        }
        return highest < 0 ? id : new SnapshotId(id.time, highest + 1);
    }

    public static SnapshotId parse(String text) {
        return tryParse(text).orElseThrow(() -> ToolException.badInput("invalid snapshot id "
                + Names.shown(text) + ": expected YYYY-MM-DDTHH-MM-SSZ in UTC, optionally with .N"
                + " for later snapshots of the same second, e.g. 2024-05-01T02-00-00Z"));
    }

    public static boolean isValid(String text) {
        return tryParse(text).isPresent();
    }

    public static Optional<SnapshotId> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            // LocalDateTime.of refuses February 30th and 25 o'clock instead of rolling them over
            LocalDateTime time = LocalDateTime.of(number(m, 1), number(m, 2), number(m, 3),
                    number(m, 4), number(m, 5), number(m, 6));
            int sequence = m.group(7) == null ? 0 : Integer.parseInt(m.group(7));
            return Optional.of(new SnapshotId(time.toInstant(ZoneOffset.UTC), sequence));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    /** The next id of the same second. */
    public SnapshotId next() {
        return new SnapshotId(time, sequence + 1);
    }

    @Override
    public int compareTo(SnapshotId other) {
        int byTime = time.compareTo(other.time);
        return byTime != 0 ? byTime : Integer.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        String base = String.format("%04d-%02d-%02dT%02d-%02d-%02dZ", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        return sequence == 0 ? base : base + "." + sequence;
    }
}
