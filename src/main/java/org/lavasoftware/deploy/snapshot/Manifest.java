package org.lavasoftware.deploy.snapshot;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of contents of a snapshot, {@code manifest.json} in its directory: who made it, from
 * what, when, on which earlier snapshot its media builds, and every file with its size and
 * SHA-256. It is written last: a directory whose manifest is missing was never finished.
 */
public record Manifest(SnapshotMetadata metadata, Instant created, Kind kind, SnapshotId base,
                       List<ManifestEntry> files) {
    public static final String FILE_NAME = "manifest.json";
    /** The manifest format this tool writes and reads; a change of meaning gets a new number. */
    public static final int FORMAT = 1;

    /**
     * Full: every media file was copied. Incremental: unchanged media files are hard links into
     * {@link #base()}. Either way the snapshot restores on its own.
     */
    public enum Kind { FULL, INCREMENTAL }

    public Manifest {
        if (metadata == null || created == null || kind == null) {
            throw new IllegalArgumentException("a manifest needs its metadata, creation time and kind");
        }
        if ((kind == Kind.INCREMENTAL) != (base != null)) {
            throw new IllegalArgumentException("an incremental snapshot, and only one, names its base");
        }
        List<ManifestEntry> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(ManifestEntry::path));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).path().equals(sorted.get(i - 1).path())) {
                throw new IllegalArgumentException("file " + Names.shown(sorted.get(i).path()) + " is listed twice");
            }
        }
        files = List.copyOf(sorted);
    }

    public static Manifest read(Path file) {
        return ManifestJson.read(file);
    }

    /** Reads only the head of the manifest; see {@link ManifestSummary}. */
    public static ManifestSummary readSummary(Path file) {
        return ManifestJson.readSummary(file);
    }

    /** Writes the manifest to a new file, flushed to disk; an existing file is an error. */
    public void write(Path file) {
        ManifestJson.write(this, file);
    }

    public ManifestSummary summary() {
        long bytes = 0;
        long copied = 0;
        for (ManifestEntry e : files) {
            bytes += e.size();
            copied += e.linked() ? 0 : e.size();
        }
        return new ManifestSummary(metadata, created, kind, base, files.size(), bytes, copied);
    }

    /**
     * The bytes the files under {@code prefix}/ (such as {@code media}) take once decompressed:
     * what restoring them writes.
     */
    public long sourceBytesUnder(String prefix) {
        long total = 0;
        for (ManifestEntry e : files) {
            if (e.path().startsWith(prefix + "/")) {
                total += e.sourceSize() >= 0 ? e.sourceSize() : e.size();
            }
        }
        return total;
    }

    public Map<String, ManifestEntry> byPath() {
        Map<String, ManifestEntry> map = new HashMap<>(files.size() * 2);
        for (ManifestEntry e : files) {
            map.put(e.path(), e);
        }
        return map;
    }
}
