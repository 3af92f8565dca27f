package org.lavasoftware.deploy.io;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** FIFOs ({@code mkfifo(3)}), which Java cannot make. */
public final class NamedPipes {
    private NamedPipes() {
    }

    /** Makes each of {@code pipes} (which must not exist), readable and writable by the owner only. */
    public static void create(List<Path> pipes) {
        if (pipes.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("mkfifo", "--mode=600", "--"));
        pipes.forEach(p -> argv.add(p.toString()));
        SystemCommand.run("cannot make named pipes in " + pipes.get(0).getParent(), Duration.ofMinutes(1), argv);
    }
}
