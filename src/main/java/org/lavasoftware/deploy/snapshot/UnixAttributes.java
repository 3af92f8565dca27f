package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.lavasoftware.deploy.adapters.exec.Privilege;

/**
 * What {@code lstat} says about a path, in one call: type, mode, owner, size, mtime, inode and
 * link count. Never follows a symbolic link: a backup or a restore treats a link as a link.
 */
record UnixAttributes(int mode, int uid, int gid, long size, FileTime mtime, long inode, int links) {
    private static final String ALL = "unix:mode,uid,gid,size,lastModifiedTime,ino,nlink";
    private static final int TYPE = 0170000;
    private static final int REGULAR = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int SYMLINK = 0120000;
    /** Set-user-id and set-group-id: never restored, an archive must not hand out privileges. */
    static final int SETID = 06000;
    static final boolean ROOT = Privilege.detect().isRoot();

    static UnixAttributes of(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ALL, LinkOption.NOFOLLOW_LINKS);
        return new UnixAttributes((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"), (Long) a.get("ino"),
                (Integer) a.get("nlink"));
    }

    boolean isRegularFile() {
        return (mode & TYPE) == REGULAR;
    }

    boolean isDirectory() {
        return (mode & TYPE) == DIRECTORY;
    }

    boolean isSymlink() {
        return (mode & TYPE) == SYMLINK;
    }

    /** The permission bits, sticky bit included, without the file type. */
    int permissions() {
        return mode & 07777;
    }

    /** The same content and metadata as far as a hard link can tell: size, mtime, mode, owner. */
    boolean sameAs(UnixAttributes other) {
        return size == other.size && mtime.equals(other.mtime) && mode == other.mode && uid == other.uid
                && gid == other.gid;
    }

    static void setMode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode & 07777 & ~SETID, LinkOption.NOFOLLOW_LINKS);
    }

    static void setMtime(Path path, FileTime mtime) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(mtime, null, null);
    }

    /**
     * Gives {@code path} (a link itself, not what it points to) to {@code uid}:{@code gid}. Only
     * root may; anyone else keeps what they create, which is what a backup run as a user needs.
     */
    static void setOwner(Path path, int uid, int gid) throws IOException {
        if (!ROOT) {
            return;
        }
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }
}
