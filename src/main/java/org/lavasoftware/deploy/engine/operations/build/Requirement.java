package org.lavasoftware.deploy.engine.operations.build;

import java.util.Locale;

/**
 * One line of {@code eggs}: a project name and maybe a version specifier or extras
 * ({@code lava-server >= 2013.01}, {@code django[argon2]}). Names compare as Python packaging
 * compares them: case, '-', '_' and '.' do not matter.
 */
public record Requirement(String line, String name) {

    public static Requirement parse(String line) {
        String s = line.strip();
        int end = 0;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || "-_.".indexOf(s.charAt(end)) >= 0)) {
            end++;
        }
        return new Requirement(s, s.substring(0, end));
    }

    public String key() {
        return normalize(name);
    }

    /** PEP 503: lower case, runs of '-', '_' and '.' become one '-'. */
    public static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }
}
