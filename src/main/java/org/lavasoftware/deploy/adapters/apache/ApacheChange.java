package org.lavasoftware.deploy.adapters.apache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.io.AtomicFile;

/**
 * Several changes to Apache's configuration made as one: files written, linked or removed, sites
 * enabled or disabled; then {@code apache2ctl configtest}. When Apache rejects the result, every
 * file and site is put back as it was, byte for byte, and the error carries Apache's own message.
 * Reloading is the caller's (toggle_all reloads once for several changes).
 */
public final class ApacheChange {
    /** Apache refused the changed configuration; everything was put back before this was thrown. */
    public static final class Rejected extends ToolException {
        Rejected(String message) {
            super(org.lavasoftware.deploy.ExitStatus.OPERATION_FAILED, message);
        }
    }

    /** One change, performed once; it remembers what it replaced so that it can put it back. */
    private interface Action {
        void perform() throws IOException;

        void putBack() throws IOException;
    }

    private final Apache apache;
    private final List<String> described = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();
    private final Deque<Action> performed = new ArrayDeque<>();

    public ApacheChange(Apache apache) {
        this.apache = apache;
    }

    /** Writes a configuration file (0644 root), replacing what is there. */
    public ApacheChange write(Path file, String content) {
        described.add("write " + file);
        actions.add(new PathAction(file, () -> Filesystem.file(file, content, "rw-r--r--", "root", "root")));
        return this;
    }

    /** Makes {@code link} a symbolic link to {@code target}, creating its directory if needed. */
    public ApacheChange link(Path link, Path target) {
        described.add("link " + link + " -> " + target);
        actions.add(new PathAction(link, () -> {
            if (!Files.isDirectory(link.getParent())) {
                Filesystem.directory(link.getParent(), "rwxr-xr-x", "root", "root");
            }
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, target);
        }));
        return this;
    }

    /** Removes a file or link (never what a link points at); nothing if it is not there. */
    public ApacheChange delete(Path path) {
        described.add("remove " + path);
        actions.add(new PathAction(path, () -> Files.deleteIfExists(path)));
        return this;
    }

    /** Removes a directory if it is empty. */
    public ApacheChange deleteIfEmpty(Path dir) {
        described.add("remove " + dir + " if empty");
        actions.add(new Action() {
            private boolean removed;

            public void perform() throws IOException {
                try {
                    removed = Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException e) {
                    removed = false;
                }
            }

            public void putBack() {
                if (removed) {
                    Filesystem.directory(dir, "rwxr-xr-x", "root", "root");
                }
            }
        });
        return this;
    }

    public ApacheChange enable(String site) {
        described.add("a2ensite " + site);
        actions.add(new SiteAction(site, true));
        return this;
    }

    public ApacheChange disable(String site) {
        described.add("a2dissite " + site + " (if enabled)");
        actions.add(new SiteAction(site, false));
        return this;
    }

    /** What the change does, for plans. */
    public List<String> describe() {
        return List.copyOf(described);
    }

    /**
     * Makes the changes and has Apache check the whole configuration. {@code subject} names what
     * changed in the error: Apache's own message follows it.
     */
    public void apply(String subject) {
        perform();
        String problem = apache.configProblem();
        if (problem != null) {
            putBack();
            throw new Rejected("Apache rejected the new configuration of " + subject + ": " + problem
                    + "; the previous files were put back and Apache keeps serving with them");
        }
    }

    /** Makes the changes without asking Apache (a removal goes on whatever else is broken). */
    public void perform() {
        for (Action action : actions) {
            try {
                action.perform();
                performed.push(action);
            } catch (IOException | RuntimeException e) {
                performed.push(action); // it may have half happened
                putBack();
                throw e instanceof IOException io ? new UncheckedIOException(io.getMessage(), io) : (RuntimeException) e;
            }
        }
    }

    /** Puts back, newest first, everything done so far. */
    public void putBack() {
        List<String> failures = new ArrayList<>();
        while (!performed.isEmpty()) {
            try {
                performed.pop().putBack();
            } catch (IOException | RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw ToolException.unexpectedState("could not put Apache's configuration back: " + String.join("; ", failures));
        }
    }

    private interface IoRunnable {
        void run() throws IOException;
    }

    /** A change to one path, which remembers the file, link or absence it replaced. */
    private static final class PathAction implements Action {
        private final Path path;
        private final IoRunnable change;
        private Path linkTarget;
        private byte[] content;
        private PosixFileAttributes attributes;

        PathAction(Path path, IoRunnable change) {
            this.path = path;
            this.change = change;
        }

        public void perform() throws IOException {
            if (Files.isSymbolicLink(path)) {
                linkTarget = Files.readSymbolicLink(path);
            } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                content = Files.readAllBytes(path);
                attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            }
            change.run();
        }

        public void putBack() throws IOException {
            Files.deleteIfExists(path);
            if (linkTarget != null) {
                Files.createSymbolicLink(path, linkTarget);
            } else if (content != null) {
                String mode = PosixFilePermissions.toString(attributes.permissions());
                AtomicFile.write(path, content, mode);
                Filesystem.own(path, mode, attributes.owner().getName(), attributes.group().getName());
            }
        }
    }

    private final class SiteAction implements Action {
        private final String site;
        private final boolean enable;
        private boolean wasEnabled;
        private boolean done;

        SiteAction(String site, boolean enable) {
            this.site = site;
            this.enable = enable;
        }

        public void perform() {
            wasEnabled = apache.siteEnabled(site);
            if (wasEnabled != enable) {
                apache.setSiteEnabled(site, enable);
                done = true;
            }
        }

        public void putBack() {
            if (done) {
                apache.setSiteEnabled(site, wasEnabled);
            }
        }
    }
}
