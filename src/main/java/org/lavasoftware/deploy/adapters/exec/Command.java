package org.lavasoftware.deploy.adapters.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A process to run: an argument list (never a shell string), its environment additions, who runs
 * it, for how long at most. Secret values travel only in the environment and are masked whenever
 * the command is shown or logged.
 */
public final class Command {
    private final List<String> argv;
    private final Map<String, String> env;
    private final Set<String> secretKeys;
    private final Path workDir;
    private final Duration timeout;
    private final String runAs;
    private final boolean privileged;
    private final byte[] input;

    private Command(Builder b) {
        this.argv = List.copyOf(b.argv);
        this.env = Map.copyOf(b.env);
        this.secretKeys = Set.copyOf(b.secretKeys);
        this.workDir = b.workDir;
        this.timeout = b.timeout;
        this.runAs = b.runAs;
        this.privileged = b.privileged;
        this.input = b.input;
    }

    public static Builder of(String... argv) {
        return new Builder(Arrays.asList(argv));
    }

    public static Builder of(List<String> argv) {
        return new Builder(argv);
    }

    public List<String> argv() {
        return argv;
    }

    public Map<String, String> env() {
        return env;
    }

    public Set<String> secretKeys() {
        return secretKeys;
    }

    public Path workDir() {
        return workDir;
    }

    public Duration timeout() {
        return timeout;
    }

    public String runAs() {
        return runAs;
    }

    public boolean privileged() {
        return privileged;
    }

    public byte[] input() {
        return input;
    }

    /** The program's name, for short messages. */
    public String program() {
        String first = argv.get(0);
        return first.substring(first.lastIndexOf('/') + 1);
    }

    /** How the command is shown to people and written to logs: secrets masked. */
    public String display() {
        StringBuilder out = new StringBuilder();
        if (runAs != null) {
            out.append("[as ").append(runAs).append("] ");
        } else if (privileged) {
            out.append("[as root] ");
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
            out.append(e.getKey()).append('=')
                    .append(secretKeys.contains(e.getKey()) ? "***" : quoteForDisplay(e.getValue())).append(' ');
        }
        out.append(argv.stream().map(Command::quoteForDisplay).collect(Collectors.joining(" ")));
        if (input != null) {
            out.append(" < (").append(input.length).append(" bytes)");
        }
        return out.toString();
    }

    private static String quoteForDisplay(String arg) {
        if (!arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=@,+%".indexOf(c) >= 0)) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return display();
    }

    public static final class Builder {
        private final List<String> argv;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Set<String> secretKeys = new LinkedHashSet<>();
        private Path workDir;
        private Duration timeout = Duration.ofMinutes(10);
        private String runAs;
        private boolean privileged;
        private byte[] input;

        private Builder(List<String> argv) {
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("a command needs a program");
            }
            this.argv = new ArrayList<>(argv);
        }

        public Builder args(String... more) {
            argv.addAll(Arrays.asList(more));
            return this;
        }

        public Builder args(List<String> more) {
            argv.addAll(more);
            return this;
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        public Builder secretEnv(String key, String value) {
            env.put(key, value);
            secretKeys.add(key);
            return this;
        }

        public Builder secretKeys(Set<String> keys) {
            secretKeys.addAll(keys);
            return this;
        }

        public Builder in(Path dir) {
            this.workDir = dir;
            return this;
        }

        public Builder timeout(Duration limit) {
            this.timeout = limit;
            return this;
        }

        /** Runs as another system user (the instance's), through runuser or sudo. */
        public Builder as(String user) {
            this.runAs = user;
            return this;
        }

        /** Needs root: through {@code sudo -n} when the tool does not run as root. */
        public Builder privileged() {
            this.privileged = true;
            return this;
        }

        public Builder input(byte[] bytes) {
            this.input = bytes;
            return this;
        }

        public Command build() {
            return new Command(this);
        }
    }
}
