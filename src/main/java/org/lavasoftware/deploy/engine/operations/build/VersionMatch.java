package org.lavasoftware.deploy.engine.operations.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether an installed version is the one a {@code [versions]} pin names. Buildout pins are exact;
 * they are compared as Python packaging normalises them, so that {@code 2023.01} (LAVA's own
 * spelling) is {@code 2023.1} (what its metadata says) and {@code 1.0} is {@code 1}.
 */
public final class VersionMatch {
    private VersionMatch() {
    }

    public static boolean matches(String pin, String installed) {
        return normalize(pin).equals(normalize(installed));
    }

    static String normalize(String version) {
        String v = version.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("==")) {
            v = v.substring(2).strip();
        }
        if (v.startsWith("v")) {
            v = v.substring(1);
        }
        int plus = v.indexOf('+');
        String local = plus < 0 ? "" : v.substring(plus);
        String pub = plus < 0 ? v : v.substring(0, plus);
        // the release part: numbers without leading zeros, trailing zeros dropped
        int i = 0;
        while (i < pub.length() && (Character.isDigit(pub.charAt(i)) || pub.charAt(i) == '.')) {
            i++;
        }
        List<String> release = new ArrayList<>();
        for (String part : pub.substring(0, i).split("\\.")) {
            if (!part.isEmpty()) {
                release.add(part.replaceFirst("^0+(?=\\d)", ""));
            }
        }
        while (release.size() > 1 && release.get(release.size() - 1).equals("0")) {
            release.remove(release.size() - 1);
        }
        String rest = pub.substring(i).replaceFirst("^[-_.]", "").replaceAll("[-_]", ".");
        return String.join(".", release) + rest + local;
    }
}
