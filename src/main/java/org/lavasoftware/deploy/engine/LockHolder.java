package org.lavasoftware.deploy.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Who holds (or held) a lock: written into the lock file so others can name the holder. */
record LockHolder(long pid, String bootId, Instant since, String purpose) {
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    static LockHolder current(String purpose) {
        return new LockHolder(ProcessHandle.current().pid(), currentBootId(), Instant.now(), purpose);
    }

    String format() {
        return "pid=" + pid + "\nboot=" + bootId + "\nsince=" + since + "\npurpose=" + purpose + "\n";
    }

    static LockHolder parse(String content) {
        Map<String, String> fields = new HashMap<>();
        for (String line : content.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (!fields.containsKey("pid")) {
            return null;
        }
        try {
            return new LockHolder(Long.parseLong(fields.get("pid")), fields.getOrDefault("boot", ""),
                    Instant.parse(fields.getOrDefault("since", Instant.EPOCH.toString())),
                    fields.getOrDefault("purpose", "an operation"));
        } catch (RuntimeException e) {
            return null;
        }
    }

    boolean isSelf() {
        return pid == ProcessHandle.current().pid() && bootId.equals(currentBootId());
    }

    String describe() {
        return purpose + " (pid " + pid + ", since " + since + ")";
    }

    String whyStale() {
        if (!bootId.equals(currentBootId())) {
            return "from another boot";
        }
        return ProcessHandle.of(pid).map(p -> p.isAlive()).orElse(false) ? "no longer holding it" : "gone";
    }

    private static String currentBootId() {
        try {
            return Files.readString(BOOT_ID).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
