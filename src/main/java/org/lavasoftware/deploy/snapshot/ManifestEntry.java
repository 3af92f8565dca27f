package org.lavasoftware.deploy.snapshot;

import java.time.Instant;

/**
 * One file of a snapshot, by its path relative to the snapshot directory ('/'-separated). A
 * regular file has its size and SHA-256; a media file also the modification time it had in the
 * instance (what tells the next backup it is unchanged) and whether it was hard-linked from the
 * snapshot before (stored by reference: no new bytes) or copied. A media file is stored compressed
 * (FILE.zst): {@code size} and {@code sha256} are those of what is stored, {@code sourceSize} the
 * size the file had in the instance. A symbolic link has its target.
 */
public record ManifestEntry(String path, Type type, long size, String sha256, Instant mtime, boolean linked,
                            String target, long sourceSize) {
    public enum Type { FILE, SYMLINK }

    public ManifestEntry {
        String problem = Names.problemWithRelative(path);
        if (problem != null) {
            throw new IllegalArgumentException("file path " + Names.shown(path) + " is unsafe: " + problem);
        }
        if (path.equals(Manifest.FILE_NAME)) {
            throw new IllegalArgumentException("the manifest cannot list itself");
        }
        if (type == Type.FILE) {
            if (size < 0) {
                throw new IllegalArgumentException(path + ": negative size " + size);
            }
            if (!isSha256(sha256)) {
                throw new IllegalArgumentException(path + ": sha256 must be 64 lowercase hexadecimal digits");
            }
            if (target != null) {
                throw new IllegalArgumentException(path + ": a file has no link target");
            }
        } else if (target == null || target.isEmpty() || target.indexOf('\0') >= 0 || sha256 != null
                || size != 0 || linked) {
            throw new IllegalArgumentException(path + ": a symbolic link has a target and nothing else");
        }
    }

    /** A file the snapshot wrote itself: the database dump, the settings archive. */
    public static ManifestEntry file(String path, long size, String sha256) {
        return new ManifestEntry(path, Type.FILE, size, sha256, null, false, null, -1);
    }

    /** A file the snapshot stored compressed (FILE.zst), such as a table of the database dump. */
    public static ManifestEntry compressed(String path, long size, String sha256, long sourceSize) {
        return new ManifestEntry(path, Type.FILE, size, sha256, null, false, null, sourceSize);
    }

    public static ManifestEntry media(String path, long size, String sha256, Instant mtime, boolean linked, long sourceSize) {
        return new ManifestEntry(path, Type.FILE, size, sha256, mtime, linked, null, sourceSize);
    }

    public static ManifestEntry symlink(String path, String target) {
        return new ManifestEntry(path, Type.SYMLINK, 0, null, null, false, target, -1);
    }

    /** 64 lowercase hexadecimal digits; checked for every entry of every manifest read. */
    private static boolean isSha256(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    public boolean isFile() {
        return type == Type.FILE;
    }
}
