package org.lavasoftware.deploy.buildout;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One configuration file as written, before any other file is consulted. Its {@code [buildout]
 * extends} line is kept apart: buildout takes it out of the file before merging, so it never
 * becomes an option of the result.
 */
final class ConfigFile {
    private final Path path;
    private final String name;
    private final Map<String, RawSection> sections = new LinkedHashMap<>();
    private Contribution extendsLine;

    ConfigFile(Path path, String name) {
        this.path = path;
        this.name = name;
    }

    Path path() {
        return path;
    }

    String name() {
        return name;
    }

    RawSection section(String sectionName) {
        return sections.computeIfAbsent(sectionName, RawSection::new);
    }

    Collection<RawSection> sections() {
        return sections.values();
    }

    Optional<Contribution> extendsLine() {
        return Optional.ofNullable(extendsLine);
    }

    /** Takes {@code [buildout] extends =} out of the options, as buildout does on reading a file. */
    void setAsideExtends() {
        RawSection buildout = sections.get("buildout");
        RawOption option = buildout == null ? null : buildout.option("extends");
        if (option == null) {
            return;
        }
        extendsLine = option.take(Operator.ASSIGN).orElse(null);
        if (option.isEmpty()) {
            buildout.drop(option);
        }
    }
}
