package org.lavasoftware.deploy.buildout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.lavasoftware.deploy.ToolException;

/**
 * Replaces {@code ${section:option}} references by the values they name, on demand and once per
 * option, the way buildout does when a section is used. A referenced value is itself substituted
 * first, so references may chain through any number of options and files; a chain that comes back
 * to an option it started from is refused. {@code ${:option}} names an option of the same section,
 * and {@code $$} stands for a {@code $} that starts no reference. zc.buildout itself leaves the
 * {@code $$} in the value, for recipes that apply their own templates; nothing reads these values
 * after this tool, so here {@code $$} becomes the {@code $} it stands for.
 */
final class Substitutions {
    private static final Pattern NAME = Pattern.compile("[-a-zA-Z0-9 ._]*");
    private static final String SECTION_NAME = "_buildout_section_name_";

    private final Map<String, Map<String, OptionValue>> raw;
    private final Map<String, Map<String, OptionValue>> done = new HashMap<>();
    private final List<String> resolving = new ArrayList<>();

    Substitutions(Map<String, Map<String, OptionValue>> raw) {
        this.raw = raw;
    }

    /** The substituted value of an option, or null when its section does not define it. */
    OptionValue value(String section, String option) {
        OptionValue known = done.getOrDefault(section, Map.of()).get(option);
        if (known != null) {
            return known;
        }
        OptionValue value = raw.getOrDefault(section, Map.of()).get(option);
        if (value == null) {
            return null;
        }
        String key = reference(section, option);
        resolving.add(key);
        OptionValue substituted;
        try {
            substituted = value.withText(substitute(section, value));
        } finally {
            resolving.remove(resolving.size() - 1);
        }
        done.computeIfAbsent(section, s -> new HashMap<>()).put(option, substituted);
        return substituted;
    }

    private String substitute(String section, OptionValue value) {
        String text = value.text();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$$", i)) {
                out.append('$');
                i += 2;
                continue;
            }
            int end = text.startsWith("${", i) ? referenceEnd(text, i) : -1;
            if (end < 0) {
                out.append(text.charAt(i++));
                continue;
            }
            out.append(lookUp(section, text.substring(i, end + 1), value));
            i = end + 1;
        }
        return out.toString();
    }

    /**
     * Where the reference starting at {@code start} closes, or -1 when it does not: buildout cuts
     * values at each {@code $$} before looking for references, so a {@code }} beyond one is not it.
     */
    private static int referenceEnd(String text, int start) {
        int close = text.indexOf('}', start + 2);
        int escape = text.indexOf("$$", start + 2);
        return close >= 0 && (escape < 0 || close < escape) ? close : -1;
    }

    private String lookUp(String section, String written, OptionValue where) {
        String[] parts = written.substring(2, written.length() - 1).split(":", -1);
        if (parts.length != 2 || parts[1].isEmpty() || !NAME.matcher(parts[0]).matches()
                || !NAME.matcher(parts[1]).matches()) {
            throw error(where, written, written + " is not a reference buildout accepts: write ${section:option}"
                    + " or ${:option}, with letters, digits, '-', '.', '_' or spaces in the names");
        }
        String target = parts[0].isEmpty() ? section : parts[0];
        String option = parts[1];
        if (!raw.containsKey(target)) {
            throw error(where, written, written + " refers to section [" + target + "], which no file defines");
        }
        String key = reference(target, option);
        if (resolving.contains(key)) {
            List<String> cycle = new ArrayList<>(resolving.subList(resolving.indexOf(key), resolving.size()));
            cycle.add(key);
            throw error(where, written, "substitution cycle: " + String.join(" -> ", cycle)
                    + "; one of these options must not refer back");
        }
        OptionValue value = value(target, option);
        if (value != null) {
            return value.text();
        }
        if (option.equals(SECTION_NAME)) {
            return target;
        }
        throw error(where, written, written + " refers to option '" + option + "', which section [" + target
                + "] does not define");
    }

    private static String reference(String section, String option) {
        return "${" + section + ":" + option + "}";
    }

    /** Names the line that holds the reference: of several contributions, the one that wrote it. */
    private static ToolException error(OptionValue where, String written, String message) {
        Origin origin = where.contributions().stream().filter(c -> c.text().contains(written))
                .map(Contribution::origin).findFirst().orElse(where.origins().get(0));
        return ToolException.badInput(origin + ": " + message);
    }
}
