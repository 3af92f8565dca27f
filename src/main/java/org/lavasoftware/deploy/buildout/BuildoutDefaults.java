package org.lavasoftware.deploy.buildout;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options buildout gives its {@code [buildout]} section itself, which configurations refer to
 * as {@code ${buildout:directory}} or {@code ${buildout:bin-directory}}: the directory of the file
 * loaded, and the standard directories. As in buildout, the standard directories are made absolute
 * before any substitution, relative to {@code directory}; an {@code eggs-directory} written in a
 * file is relative to that file instead.
 */
final class BuildoutDefaults {
    private static final List<String> STANDARD_DIRECTORIES = List.of("bin", "develop-eggs", "eggs", "parts");

    private BuildoutDefaults() {
    }

    /** The sections before any file is read: {@code [buildout]} with its defaults. */
    static Map<String, Map<String, OptionValue>> start(Path rootDirectory) {
        Map<String, OptionValue> buildout = new LinkedHashMap<>();
        buildout.put("directory", byDefault(rootDirectory.toString()));
        for (String name : STANDARD_DIRECTORIES) {
            buildout.put(name + "-directory", byDefault(name));
        }
        Map<String, Map<String, OptionValue>> sections = new LinkedHashMap<>();
        sections.put("buildout", buildout);
        return sections;
    }

    /** Where {@code [buildout] directory} points, relative paths taken from the loaded file's directory. */
    static Path directory(Map<String, OptionValue> buildout, Path rootDirectory) {
        return rootDirectory.resolve(buildout.get("directory").text()).normalize();
    }

    /** Makes the standard directories absolute, leaving alone any that holds a reference. */
    static void absolutize(Map<String, OptionValue> buildout, Path rootDirectory) {
        if (buildout.get("directory").text().contains("${")) {
            return;
        }
        Path directory = directory(buildout, rootDirectory);
        for (String name : STANDARD_DIRECTORIES) {
            String option = name + "-directory";
            OptionValue value = buildout.get(option);
            if (value.text().contains("${")) {
                continue;
            }
            Path base = option.equals("eggs-directory") ? definingDirectory(value, directory) : directory;
            buildout.put(option, value.withText(base.resolve(expandHome(value.text())).normalize().toString()));
        }
    }

    private static Path definingDirectory(OptionValue value, Path fallback) {
        Origin origin = value.origins().get(value.origins().size() - 1);
        return origin.isDefault() ? fallback : origin.file().getParent();
    }

    private static String expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }

    private static OptionValue byDefault(String text) {
        return OptionValue.assigned(new Contribution(Operator.ASSIGN, text, Origin.DEFAULT));
    }
}
