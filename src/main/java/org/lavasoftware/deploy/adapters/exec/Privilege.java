package org.lavasoftware.deploy.adapters.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How commands that need root, or another user, are run: directly when the tool runs as root,
 * through {@code sudo -n} (never prompting) otherwise.
 */
public final class Privilege {
    private final boolean root;
    private final String userName;

    public Privilege(boolean root, String userName) {
        this.root = root;
        this.userName = userName;
    }

    public static Privilege detect() {
        return new Privilege(currentUid() == 0, System.getProperty("user.name"));
    }

    public boolean isRoot() {
        return root;
    }

    public String userName() {
        return userName;
    }

    /** The argument list actually started for {@code command}. */
    public List<String> wrap(Command command) {
        List<String> argv = new ArrayList<>();
        String runAs = command.runAs();
        if (runAs != null && !runAs.equals(userName)) {
            if (root) {
                argv.addAll(List.of("runuser", "-u", runAs, "--"));
            } else {
                argv.addAll(sudo(command));
                argv.addAll(List.of("-u", runAs, "--"));
            }
        } else if (command.privileged() && !root) {
            argv.addAll(sudo(command));
            argv.add("--");
        }
        argv.addAll(command.argv());
        return argv;
    }

    private static List<String> sudo(Command command) {
        List<String> argv = new ArrayList<>(List.of("sudo", "-n"));
        if (!command.env().isEmpty()) {
            argv.add("--preserve-env=" + String.join(",", command.env().keySet()));
        }
        return argv;
    }

    private static long currentUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).strip().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: assume an ordinary user, the safe guess
        }
        return -1;
    }
}
