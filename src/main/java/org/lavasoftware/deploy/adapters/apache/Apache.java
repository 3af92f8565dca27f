package org.lavasoftware.deploy.adapters.apache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ExecResult;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;

/**
 * Debian's Apache 2: sites in sites-available enabled with a2ensite, modules with a2enmod. Every
 * change is checked with {@code apache2ctl configtest} before a graceful reload, and undone when
 * the check fails, so Apache keeps serving with the configuration it had.
 */
public final class Apache {
    public static final List<String> MODULES = List.of("proxy", "proxy_http", "proxy_wstunnel", "headers", "ssl",
            "rewrite");
    private static final Path SITES_AVAILABLE = Path.of("/etc/apache2/sites-available");
    private static final Path SITES_ENABLED = Path.of("/etc/apache2/sites-enabled");

    private final ProcessRunner runner;

    public Apache(ProcessRunner runner) {
        this.runner = runner;
    }

    public static Path siteFile(String site) {
        return SITES_AVAILABLE.resolve(site + ".conf");
    }

    public boolean siteEnabled(String site) {
        return Files.exists(SITES_ENABLED.resolve(site + ".conf"), LinkOption.NOFOLLOW_LINKS);
    }

    public void enableModules(List<String> modules) {
        runner.run(Command.of("a2enmod", "-q").args(modules).privileged().build());
    }

    public void ensureRunning() {
        runner.run(Command.of("apache2ctl", "start").privileged().build());
    }

    /**
     * Makes {@code config} the site's configuration (a link in sites-available to the instance's
     * own file), enables it and reloads Apache; when Apache rejects it, the site is put back as
     * it was and the error carries Apache's own message.
     */
    public void installSite(String site, Path config) {
        new ApacheChange(this).link(siteFile(site), config).enable(site).apply("site " + site);
        graceful();
    }

    /** a2ensite or a2dissite. */
    public void setSiteEnabled(String site, boolean enabled) {
        runner.run(Command.of(enabled ? "a2ensite" : "a2dissite", "-q", site).privileged().build());
    }

    /** Disables and removes the site, then reloads; nothing if it is not there. */
    public void removeSite(String site) {
        Path available = siteFile(site);
        if (siteEnabled(site)) {
            runner.run(Command.of("a2dissite", "-q", site).privileged().build());
        }
        try {
            Files.deleteIfExists(available);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + available + ": " + e.getMessage(), e);
        }
        if (configProblem() == null) {
            graceful();
        }
    }

    /** The site's logs in /var/log/apache2 ({@code SITE-error.log}, {@code SITE-access.log}, rotated ones); nothing if none. */
    public static void removeLogs(String site) throws IOException {
        Path logs = Path.of("/var/log/apache2");
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(logs, site + "-*.log*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Apache's complaint about the whole configuration, or null when it accepts it. */
    public String configProblem() {
        ExecResult r = runner.runAllowingFailure(Command.of("apache2ctl", "configtest").privileged().build());
        if (r.succeeded()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (String line : (r.stderr() + "\n" + r.stdout()).split("\n")) {
            // AH00558 (no global ServerName) is a warning printed on every call
            if (!line.isBlank() && !line.contains("AH00558") && !line.startsWith("Action 'configtest' failed")
                    && !line.startsWith("The Apache error log")) {
                lines.add(line.strip());
            }
        }
        return lines.stream().collect(Collectors.joining(" "));
    }

    public void graceful() {
        runner.run(Command.of("apache2ctl", "graceful").privileged().build());
    }
}
