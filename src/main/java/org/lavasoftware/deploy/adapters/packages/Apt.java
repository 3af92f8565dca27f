package org.lavasoftware.deploy.adapters.packages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ExecResult;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;

/** Debian's package manager: what is installed, what is available, installing, downloading. */
public final class Apt {
    private final ProcessRunner runner;

    public Apt(ProcessRunner runner) {
        this.runner = runner;
    }

    public boolean installed(String pkg) {
        ExecResult r = runner.runAllowingFailure(Command.of("dpkg-query", "-W", "-f=${Status}", pkg).build());
        return r.succeeded() && r.stdout().contains("install ok installed");
    }

    public List<String> missing(List<String> packages) {
        List<String> missing = new ArrayList<>();
        for (String p : packages) {
            if (!installed(p)) {
                missing.add(p);
            }
        }
        return missing;
    }

    /** Whether the package lists know the package at all (a real one, not only a virtual name). */
    public boolean available(String pkg) {
        ExecResult r = runner.runAllowingFailure(Command.of("apt-cache", "show", "--no-all-versions", pkg).build());
        return r.succeeded() && !r.stdout().isBlank();
    }

    /** The version apt would install, or null when the lists do not know the package. */
    public String candidate(String pkg) {
        ExecResult r = runner.runAllowingFailure(Command.of("apt-cache", "policy", pkg).build());
        for (String line : r.stdout().split("\n")) {
            String t = line.strip();
            if (t.startsWith("Candidate:")) {
                String version = t.substring("Candidate:".length()).strip();
                return version.equals("(none)") ? null : version;
            }
        }
        return null;
    }

    public static Command updateCommand() {
        return Command.of("apt-get", "update", "-q").privileged().timeout(Duration.ofMinutes(10)).build();
    }

    public void update() {
        runner.run(updateCommand());
    }

    public static Command installCommand(List<String> packages) {
        return Command.of("apt-get", "install", "-y", "-q", "--no-install-recommends")
                .args(packages).env("DEBIAN_FRONTEND", "noninteractive").privileged()
                .timeout(Duration.ofMinutes(30)).build();
    }

    public void install(List<String> packages) {
        if (!packages.isEmpty()) {
            runner.run(installCommand(packages));
        }
    }

    /** Downloads the .deb files of {@code name=version} specs into {@code dir}, without installing them. */
    public static Command downloadCommand(List<String> specs, Path dir) {
        return Command.of("apt-get", "download", "-q").args(specs).in(dir).timeout(Duration.ofMinutes(10)).build();
    }

    public void download(List<String> specs, Path dir) {
        runner.run(downloadCommand(specs, dir));
    }

    /** The Depends field of a .deb file. */
    public String depends(Path deb) {
        return runner.run(Command.of("dpkg-deb", "-f", deb.toString(), "Depends").build()).stdout().strip();
    }

    public static Command extractCommand(Path deb, Path dir) {
        return Command.of("dpkg-deb", "-x", deb.toString(), dir.toString()).build();
    }

    public void extract(Path deb, Path dir) {
        runner.run(extractCommand(deb, dir));
    }
}
