package org.lavasoftware.deploy.cli;

import java.nio.file.Path;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.Prompter;
import org.lavasoftware.deploy.engine.operations.InstallSettings;
import org.lavasoftware.deploy.engine.operations.InstallSettings.Https;

/**
 * The install wizard, as the classic tool had it: a few questions with safe defaults, a summary,
 * and "is everything okay?" (no goes round again). With --yes the defaults and the options are
 * taken as they are.
 */
final class InstallWizard {
    private final Prompter prompter;

    InstallWizard(Prompter prompter) {
        this.prompter = prompter;
    }

    InstallSettings complete(InstallSettings given, String currentUser) {
        if (prompter.assumesYes()) {
            return given;
        }
        InstallSettings s = given;
        while (true) {
            boolean dev = yes(prompter.ask("Developer mode (runs as you, with DEBUG on)? (yes|no)", s.dev() ? "yes" : "no"));
            String devUser = dev ? prompter.ask("Run the instance as user", s.dev() ? s.devUser() : currentUser) : null;
            String host = prompter.ask("Virtual host name", s.host());
            Https https = https(prompter.ask("HTTPS: none, self-signed, or certificate", name(s.https())));
            Path certificate = s.certificate();
            Path key = s.key();
            if (https == Https.CERTIFICATE) {
                certificate = Path.of(prompter.ask("Certificate file", certificate == null ? "" : certificate.toString()));
                key = Path.of(prompter.ask("Key file", key == null ? "" : key.toString()));
            }
            boolean scheduler = yes(prompter.ask("Run the scheduler? (yes|no)", s.scheduler() ? "yes" : "no"));
            boolean worker = yes(prompter.ask("Run a worker beside the server, for devices of this machine? (yes|no)",
                    s.worker() ? "yes" : "no"));
            s = new InstallSettings(s.name(), s.source(), s.version(), host, https, certificate, key, devUser, scheduler,
                    s.withSetup()).withBuildout(s.buildoutCfg()).withWorker(worker);
            if (prompter.confirm(summary(s) + "\nIs everything okay?")) {
                return s;
            }
        }
    }

    static String summary(InstallSettings s) {
        return String.join("\n",
                "Instance:        " + s.name(),
                "Code:            " + s.source() + ", " + (s.version() == null ? "its newest revision" : "revision " + s.version()),
                "System user:     " + s.systemUser() + (s.dev() ? " (developer mode: DEBUG on)" : ""),
                "Database:        " + s.name().systemName() + " (PostgreSQL role and database, generated password)",
                "Served at:       " + (s.https() == Https.NONE ? "http://" : "https://") + s.host() + "/",
                "HTTPS:           " + name(s.https()),
                "Scheduler:       " + (s.scheduler() ? "yes" : "no"),
                "Local worker:    " + (s.worker() ? "yes (lava-worker, for devices added with `device add`)" : "no"),
                "Setup first:     " + (s.withSetup() ? "yes (this machine is not set up yet)" : "no"));
    }

    private static boolean yes(String answer) {
        return answer.equalsIgnoreCase("yes") || answer.equalsIgnoreCase("y");
    }

    static String name(Https https) {
        return https.name().toLowerCase().replace('_', '-');
    }

    static Https https(String answer) {
        return switch (answer.strip().toLowerCase()) {
            case "none", "no", "" -> Https.NONE;
            case "self-signed" -> Https.SELF_SIGNED;
            case "certificate" -> Https.CERTIFICATE;
            default -> throw ToolException.badInput("HTTPS '" + answer + "': answer none, self-signed or certificate");
        };
    }
}
