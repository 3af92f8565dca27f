package org.lavasoftware.deploy.adapters.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ExecResult;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.lava.PythonRoot;

/**
 * A git repository (a URL or a path). It is mirrored into the tool's cache; a revision is
 * exported from the mirror without its .git, with lava_common/VERSION written from
 * {@code git describe} as LAVA itself would compute it. Revision ids are revnos like bzr's:
 * r1 for the first commit, counting first parents.
 */
public final class GitSource implements CodeSource {
    private static final Pattern DESCRIBE = Pattern.compile("(?<tag>.+)\\.(?<commits>\\d+)\\.g(?<hash>[abcdef\\d]+)");
    private final String url;
    private final Path mirror;
    private final ProcessRunner runner;

    public GitSource(String url, Path cacheDir, ProcessRunner runner) {
        this.url = url;
        this.mirror = cacheDir.resolve("sources").resolve(Integer.toHexString(url.hashCode()) + ".git");
        this.runner = runner;
    }

    @Override
    public String kind() {
        return "git";
    }

    @Override
    public String describe() {
        return "git repository " + url;
    }

    @Override
    public Revision resolve(String requested) {
        update();
        String commit;
        if (requested == null) {
            commit = git("rev-parse", "--verify", "HEAD^{commit}").strip();
        } else if (requested.matches("r?\\d+")) {
            commit = atRevno(Integer.parseInt(requested.replaceFirst("^r", "")));
        } else {
            ExecResult r = gitAllowingFailure("rev-parse", "--verify", "--quiet", requested + "^{commit}");
            if (!r.succeeded()) {
                throw ToolException.badInput(url + " has no revision " + requested + "; give a revno, a tag or a commit");
            }
            commit = r.stdout().strip();
        }
        String revno = git("rev-list", "--first-parent", "--count", commit).strip();
        String detail = "commit " + commit.substring(0, 12) + (requested == null ? ", the newest" : "");
        return new Revision("r" + revno, detail);
    }

    private String atRevno(int revno) {
        String[] firstParents = git("rev-list", "--first-parent", "--reverse", "HEAD").strip().split("\n");
        if (revno < 1 || revno > firstParents.length) {
            throw ToolException.badInput(url + " has revnos 1 to " + firstParents.length + "; there is no " + revno);
        }
        return firstParents[revno - 1];
    }

    @Override
    public void fetch(Revision revision, Path target) {
        String commit = atRevno(Integer.parseInt(revision.id().substring(1)));
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        Filesystem.deleteTree(partial);
        try {
            // a checkout by git itself: code trees may hold links out (Debian's do), which git writes as links
            runner.run(Command.of("git", "-c", "safe.directory=*", "clone", "--quiet", "--shared", "--no-checkout",
                    mirror.toString(), partial.toString()).build());
            runner.run(Command.of("git", "-c", "safe.directory=*", "-c", "advice.detachedHead=false", "-C",
                    partial.toString(), "checkout", "--quiet", commit).build());
            Filesystem.deleteTree(partial.resolve(".git"));
            writeVersion(partial, commit);
            Files.move(partial, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export " + revision + " to " + target + ": " + e.getMessage(), e);
        } finally {
            Filesystem.deleteTree(partial);
        }
    }

    /** What LAVA's lava_common/version.py computes in a git checkout, kept for a tree without .git. */
    private void writeVersion(Path tree, String commit) throws IOException {
        var root = PythonRoot.find(tree);
        if (root.isEmpty()) {
            return;
        }
        ExecResult r = gitAllowingFailure("describe", "--match=[0-9]*", commit);
        if (!r.succeeded()) {
            return;
        }
        String describe = r.stdout().strip().replace("-", ".");
        Matcher m = DESCRIBE.matcher(describe);
        String version = m.matches() ? String.format("%s.%04d.g%s", m.group("tag"), Integer.parseInt(m.group("commits")),
                m.group("hash")) : describe;
        Path file = tree.resolve(root.get()).resolve("lava_common/VERSION");
        if (Files.isDirectory(file.getParent())) {
            Files.writeString(file, version + "\n", StandardCharsets.UTF_8);
        }
    }

    /** Mirrors the repository into the cache, or brings the mirror up to date. */
    private void update() {
        if (Files.isDirectory(mirror)) {
            runner.run(Command.of("git", "-c", "safe.directory=*", "--git-dir", mirror.toString(), "remote", "update",
                    "--prune").timeout(Duration.ofMinutes(30)).build());
        } else {
            Filesystem.directory(mirror.getParent(), "rwx------", "root", "root");
            // the repository may belong to another user: git would refuse to read it
            runner.run(Command.of("git", "-c", "safe.directory=*", "clone", "--mirror", "--quiet", url, mirror.toString())
                    .timeout(Duration.ofMinutes(30)).build());
        }
    }

    private String git(String... args) {
        return runner.run(Command.of("git", "--git-dir", mirror.toString()).args(args).build()).stdout();
    }

    private ExecResult gitAllowingFailure(String... args) {
        return runner.runAllowingFailure(Command.of("git", "--git-dir", mirror.toString()).args(args).build());
    }
}
