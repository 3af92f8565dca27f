package org.lavasoftware.deploy.buildout;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One section of a loaded configuration, every value substituted and holding its origins. */
public record BuildoutSection(String name, Map<String, OptionValue> options) {

    public BuildoutSection {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public Optional<OptionValue> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    public Set<String> keys() {
        return options.keySet();
    }
}
