package org.lavasoftware.deploy.buildout;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of one option as its lines arrive, shaped as buildout shapes it. When the first line
 * holds data, every line is stripped and blank lines are dropped. When it holds none (a block
 * such as {@code eggs =} followed by indented lines), blank lines inside are kept, the common
 * indentation is removed, and leading and trailing blank lines go.
 */
final class ValueLines {
    private final List<String> lines = new ArrayList<>();
    private final boolean block;

    ValueLines(String firstLine) {
        String first = firstLine.strip();
        lines.add(first);
        block = first.isEmpty();
    }

    void continueWith(String line) {
        if (block) {
            lines.add(line.stripTrailing());
        } else if (!line.isBlank()) {
            lines.add(line.strip());
        }
    }

    String text() {
        if (!block) {
            return String.join("\n", lines);
        }
        List<String> kept = new ArrayList<>(lines);
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isEmpty()) {
            kept.remove(kept.size() - 1);
        }
        while (!kept.isEmpty() && kept.get(0).isEmpty()) {
            kept.remove(0);
        }
        return String.join("\n", dedent(kept));
    }

    /** Removes the indentation common to the non-blank lines, as Python's textwrap.dedent does. */
    private static List<String> dedent(List<String> lines) {
        String margin = null;
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            String indent = line.substring(0, indentLength(line));
            margin = margin == null ? indent : commonPrefix(margin, indent);
        }
        int cut = margin == null ? 0 : margin.length();
        return lines.stream().map(line -> line.isEmpty() ? line : line.substring(cut)).toList();
    }

    private static int indentLength(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static String commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(0, i);
    }
}
