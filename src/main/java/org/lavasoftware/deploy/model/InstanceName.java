package org.lavasoftware.deploy.model;

import java.util.regex.Pattern;
import org.lavasoftware.deploy.ToolException;

/**
 * A validated instance name. The name becomes the system user {@code lava-NAME} (at most 32
 * characters), the PostgreSQL role and database of the same name, a directory and an Apache site,
 * so it is held to the strictest of those rules before anything is touched.
 */
public record InstanceName(String value) implements Comparable<InstanceName> {
    public static final String USER_PREFIX = "lava-";
    public static final int MAX_LENGTH = 32 - USER_PREFIX.length();
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_-]*");

    public InstanceName {
        String problem = problemWith(value);
        if (problem != null) {
            throw ToolException.badInput("invalid instance name " + shown(value) + ": " + problem
                    + "; use lowercase letters, digits, '-' and '_', starting with a letter, at most "
                    + MAX_LENGTH + " characters");
        }
    }

    public static InstanceName of(String value) {
        return new InstanceName(value);
    }

    public static boolean isValid(String value) {
        return problemWith(value) == null;
    }

    private static String problemWith(String value) {
        if (value == null || value.isEmpty()) {
            return "it is empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "it is " + value.length() + " characters long and system user " + USER_PREFIX
                    + "NAME must fit in 32";
        }
        if (!VALID.matcher(value).matches()) {
            return "it must make a system user and a PostgreSQL identifier";
        }
        return null;
    }

    private static String shown(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("'");
        value.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('\'').toString();
    }

    /** The system user, PostgreSQL role and database name used by default: {@code lava-NAME}. */
    public String systemName() {
        return USER_PREFIX + value;
    }

    @Override
    public int compareTo(InstanceName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
