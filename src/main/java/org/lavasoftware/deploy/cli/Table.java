package org.lavasoftware.deploy.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints rows of fields as aligned columns under upper-case headings. */
final class Table {
    private Table() {
    }

    static void print(PrintStream out, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).length();
            for (Map<String, Object> row : rows) {
                widths[c] = Math.max(widths[c], cell(row.get(columns.get(c))).length());
            }
        }
        StringBuilder heading = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            pad(heading, columns.get(c).toUpperCase(), widths[c], c == columns.size() - 1);
        }
        out.println(heading.toString().stripTrailing());
        for (Map<String, Object> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns.size(); c++) {
                pad(line, cell(row.get(columns.get(c))), widths[c], c == columns.size() - 1);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String cell(Object value) {
        return value == null ? "-" : value.toString();
    }

    private static void pad(StringBuilder line, String text, int width, boolean last) {
        line.append(text);
        if (!last) {
            line.append(" ".repeat(width - text.length() + 2));
        }
    }
}
