package org.lavasoftware.deploy.adapters.sources;

import java.nio.file.Files;
import java.nio.file.Path;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.adapters.packages.Apt;

/**
 * Recognises a source from what LAVA_SERVER_BRANCH says: {@code debian:lava-server}; a branch
 * the classic way ({@code lp:...}, {@code bzr://...}); a local directory, which is a git
 * repository, a Bazaar branch or plain code by what it holds; any other URL is git's.
 */
public final class CodeSources {
    private CodeSources() {
    }

    public static CodeSource of(String spec, Path cacheDir, ProcessRunner runner) {
        if (spec == null || spec.isBlank() || spec.equals(DebianSource.SPEC) || spec.equals("debian")) {
            return new DebianSource(new DebianRelease(new Apt(runner), cacheDir));
        }
        if (spec.startsWith("lp:") || spec.startsWith("bzr:") || spec.startsWith("bzr+ssh:")) {
            return new BzrSource(spec, runner);
        }
        Path local = Path.of(spec.startsWith("file://") ? spec.substring("file://".length()) : spec);
        if (!spec.contains("://") && Files.isDirectory(local)) {
            if (Files.exists(local.resolve(".git")) || Files.isRegularFile(local.resolve("HEAD"))) {
                return new GitSource(local.toAbsolutePath().toString(), cacheDir, runner);
            }
            if (Files.isDirectory(local.resolve(".bzr"))) {
                return new BzrSource(local.toAbsolutePath().toString(), runner);
            }
            return new DirectorySource(local);
        }
        return new GitSource(spec, cacheDir, runner);
    }
}
