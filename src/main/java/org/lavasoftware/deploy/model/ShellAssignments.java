package org.lavasoftware.deploy.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;

/**
 * Reads and writes the classic tool's configuration format: shell variable assignments such as
 * {@code LAVA_DB_NAME='lava-prod'}, one per line, with comments. Files are never run by a shell:
 * quoting is interpreted here, and nothing is expanded, so a {@code $} stays a {@code $}.
 */
public final class ShellAssignments {
    private ShellAssignments() {
    }

    /** Parses the assignments of a file; {@code source} names the file in error messages. */
    public static Map<String, String> parse(String text, String source) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || !line.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw ToolException.badInput(source + ":" + (i + 1)
                        + ": not a KEY='value' assignment; fix or remove this line");
            }
            String key = line.substring(0, eq);
            values.put(key, unquote(line.substring(eq + 1), source + ":" + (i + 1)));
        }
        return values;
    }

    private static String unquote(String raw, String where) {
        StringBuilder value = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\'') {
                int end = raw.indexOf('\'', i + 1);
                if (end < 0) {
                    throw unterminated(where);
                }
                value.append(raw, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i = readDoubleQuoted(raw, i + 1, value, where);
            } else if (c == '\\' && i + 1 < raw.length()) {
                value.append(raw.charAt(i + 1));
                i += 2;
            } else if (Character.isWhitespace(c)) {
                break; // what follows is a trailing comment, as the shell reads it
            } else {
                value.append(c);
                i++;
            }
        }
        return value.toString();
    }

    private static int readDoubleQuoted(String raw, int i, StringBuilder value, String where) {
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < raw.length() && "\"\\$`".indexOf(raw.charAt(i + 1)) >= 0) {
                value.append(raw.charAt(i + 1));
                i += 2;
            } else {
                value.append(c);
                i++;
            }
        }
        throw unterminated(where);
    }

    private static ToolException unterminated(String where) {
        return ToolException.badInput(where + ": a quote is not closed; close it or remove the line");
    }

    /** Quotes a value so that both this reader and a POSIX shell read it back unchanged. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    public static String assignment(String key, String value) {
        return key + "=" + quote(value);
    }
}
