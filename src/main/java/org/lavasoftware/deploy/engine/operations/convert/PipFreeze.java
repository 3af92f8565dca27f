package org.lavasoftware.deploy.engine.operations.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lavasoftware.deploy.engine.operations.build.Requirement;

/**
 * The output of {@code pip freeze}, as pip 23 writes it: {@code name==version}, {@code name @ url}
 * (installed from a directory or an archive), {@code -e ...} (editable, with {@code #egg=name}, or
 * after a comment naming {@code (name==version)}), comments and blank lines.
 */
public final class PipFreeze {
    /** One installed project; version is null when the line does not say it. */
    public record Frozen(String name, String version, boolean editable, String line) {
        public String key() {
            return Requirement.normalize(name);
        }
    }

    private static final Pattern PINNED = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\\[[^]]*])?\\s*===?\\s*(\\S+)");
    private static final Pattern DIRECT = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\\[[^]]*])?\\s+@\\s+\\S+");
    private static final Pattern EGG = Pattern.compile("[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)");
    private static final Pattern COMMENTED = Pattern.compile("\\(([A-Za-z0-9][A-Za-z0-9._-]*)==([^)\\s]+)\\)");

    private PipFreeze() {
    }

    public static List<Frozen> parse(String text) {
        List<Frozen> found = new ArrayList<>();
        String comment = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                comment = line;
                continue;
            }
            if (line.startsWith("-e ") || line.startsWith("--editable ")) {
                found.add(editable(line, comment));
            } else {
                Matcher pinned = PINNED.matcher(line);
                Matcher direct = DIRECT.matcher(line);
                if (pinned.find()) {
                    found.add(new Frozen(pinned.group(1), pinned.group(2), false, line));
                } else if (direct.find()) {
                    found.add(new Frozen(direct.group(1), null, false, line));
                }
            }
            comment = null;
        }
        return found;
    }

    private static Frozen editable(String line, String comment) {
        Matcher egg = EGG.matcher(line);
        if (egg.find()) {
            return new Frozen(egg.group(1), null, true, line);
        }
        Matcher named = comment == null ? null : COMMENTED.matcher(comment);
        if (named != null && named.find()) {
            return new Frozen(named.group(1), named.group(2), true, line);
        }
        String location = line.substring(line.indexOf(' ') + 1).strip().replaceFirst("/+$", "");
        return new Frozen(location.substring(location.lastIndexOf('/') + 1), null, true, line);
    }
}
