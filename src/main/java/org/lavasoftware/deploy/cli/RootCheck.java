package org.lavasoftware.deploy.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Privilege;

/**
 * Commands that change the machine run as root. A user with password-less sudo gets the same
 * command run again through {@code sudo -n}; anyone else gets one line saying what is needed.
 */
final class RootCheck {
    private static final List<String> KEPT_VARIABLES = List.of("LAVA_ROOT", "LAVA_SERVER_BRANCH", "LAVA_BUILDOUT_CFG",
            "XDG_CONFIG_HOME", "LAVA_DEPLOYMENT_TOOL_ETC", "TERM");

    private RootCheck() {
    }

    /**
     * Returns empty when this process may go on; otherwise the exit status of the same command
     * run again as root.
     */
    static Optional<Integer> requireRoot() {
        if (Privilege.detect().isRoot()) {
            return Optional.empty();
        }
        if (!sudoWorks()) {
            throw ToolException.badInput("this command changes the machine and needs root: run it as root, "
                    + "or as a user with password-less sudo (`sudo -n true` failed)");
        }
        return Optional.of(again());
    }

    private static boolean sudoWorks() {
        try {
            Process p = new ProcessBuilder("sudo", "-n", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The same JVM command line under sudo, on the same terminal: ProcessBuilder rather than
     * commons-exec because the child must own the terminal (prompts, the shell).
     */
    private static int again() {
        ProcessHandle.Info self = ProcessHandle.current().info();
        List<String> argv = new ArrayList<>(List.of("sudo", "-n", "--preserve-env=" + String.join(",", KEPT_VARIABLES),
                "--"));
        argv.add(self.command().orElse("java"));
        argv.addAll(List.of(self.arguments().orElse(new String[0])));
        try {
            return new ProcessBuilder(argv).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw ToolException.failed("cannot run the command again through sudo: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolException.failed("interrupted");
        }
    }
}
