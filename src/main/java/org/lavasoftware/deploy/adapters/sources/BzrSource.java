package org.lavasoftware.deploy.adapters.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ExecResult;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.adapters.files.Filesystem;

/** A Bazaar branch, through Breezy (brz): revisions are its own revnos (or tags), exported without .bzr. */
public final class BzrSource implements CodeSource {
    private final String url;
    private final ProcessRunner runner;

    public BzrSource(String url, ProcessRunner runner) {
        this.url = url;
        this.runner = runner;
    }

    @Override
    public String kind() {
        return "bzr";
    }

    @Override
    public String describe() {
        return "Bazaar branch " + url;
    }

    @Override
    public Revision resolve(String requested) {
        String spec = requested == null ? null : requested.matches("r?\\d+") ? requested.replaceFirst("^r", "")
                : "tag:" + requested;
        Command.Builder revno = Command.of("brz", "revno").timeout(Duration.ofMinutes(10));
        if (spec != null) {
            revno.args("-r", spec);
        }
        ExecResult r = runner.runAllowingFailure(revno.args(url).build());
        if (!r.succeeded() || !r.stdout().strip().matches("\\d+")) {
            throw ToolException.badInput(url + " has no revision " + (requested == null ? "" : requested) + ": "
                    + r.lastErrorLine());
        }
        String number = r.stdout().strip();
        if (requested != null && requested.matches("r?\\d+") && !number.equals(requested.replaceFirst("^r", ""))) {
            throw ToolException.badInput(url + " has no revno " + requested);
        }
        return new Revision("r" + number, requested == null ? "the newest" : "");
    }

    @Override
    public void fetch(Revision revision, Path target) {
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        Filesystem.deleteTree(partial);
        try {
            runner.run(Command.of("brz", "export", "-r", revision.id().substring(1), partial.toString(), url)
                    .timeout(Duration.ofMinutes(30)).build());
            Files.move(partial, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export " + revision + " to " + target + ": " + e.getMessage(), e);
        } finally {
            Filesystem.deleteTree(partial);
        }
    }
}
