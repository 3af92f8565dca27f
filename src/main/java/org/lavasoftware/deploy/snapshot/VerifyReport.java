package org.lavasoftware.deploy.snapshot;

import java.nio.file.Path;
import java.util.List;
import org.lavasoftware.deploy.ToolException;

/** What checking a snapshot against its manifest found: nothing wrong, or each problem by path. */
public record VerifyReport(Path dir, SnapshotVerifier.Depth depth, List<Problem> problems, long files, long bytes) {
    private static final int SHOWN = 3;

    public enum Kind { MISSING, EXTRA, WRONG_TYPE, SIZE, HASH, LINK_TARGET }

    public record Problem(Kind kind, String path, String detail) {
        @Override
        public String toString() {
            return path + ": " + detail;
        }
    }

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public boolean has(Kind kind, String path) {
        return problems.stream().anyMatch(p -> p.kind() == kind && p.path().equals(path));
    }

    /** One line: the totals when all is well, else the count and the first few problems. */
    public String summary() {
        if (ok()) {
            return files + " files, " + bytes + " bytes as the manifest says"
                    + (depth == SnapshotVerifier.Depth.FULL ? ", hashes included" : " (sizes only)");
        }
        StringBuilder line = new StringBuilder().append(problems.size())
                .append(problems.size() == 1 ? " problem: " : " problems: ");
        for (int i = 0; i < Math.min(SHOWN, problems.size()); i++) {
            line.append(i == 0 ? "" : "; ").append(problems.get(i));
        }
        if (problems.size() > SHOWN) {
            line.append("; and ").append(problems.size() - SHOWN).append(" more");
        }
        return line.toString();
    }

    /** Throws when something is wrong, naming the snapshot as {@code name}. */
    public void orFail(String name) {
        if (!ok()) {
            throw ToolException.failed("snapshot " + name + " is damaged: " + summary());
        }
    }
}
