package org.lavasoftware.deploy.buildout;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The options one file gives a section; a section named twice in a file is one section. */
final class RawSection {
    private final String name;
    private final Map<String, RawOption> options = new LinkedHashMap<>();

    RawSection(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void put(String option, Contribution contribution) {
        options.computeIfAbsent(option, RawOption::new).put(contribution);
    }

    Collection<RawOption> options() {
        return options.values();
    }

    RawOption option(String option) {
        return options.get(option);
    }

    void drop(RawOption option) {
        options.remove(option.name());
    }
}
