package org.lavasoftware.deploy.buildout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges files, in {@link ExtendsResolver} order, into one set of sections whose values still hold
 * their {@code ${...}} references. For each option a file names: its {@code =} line, if any,
 * replaces the value built so far; then its {@code +=} line adds lines and its {@code -=} line
 * removes lines, in that order whatever the order in the file, as buildout applies them. With
 * nothing to add to, {@code +=} simply sets the value and {@code -=} leaves it empty: buildout
 * raises no error for either.
 */
final class ConfigMerger {
    private static final OptionValue NOTHING = new OptionValue("", List.of());

    private ConfigMerger() {
    }

    /** Merges {@code files} over {@code start}, which is changed and returned. */
    static Map<String, Map<String, OptionValue>> merge(List<ConfigFile> files,
            Map<String, Map<String, OptionValue>> start) {
        for (ConfigFile file : files) {
            for (RawSection section : file.sections()) {
                Map<String, OptionValue> target = start.computeIfAbsent(section.name(), n -> new LinkedHashMap<>());
                for (RawOption option : section.options()) {
                    target.put(option.name(), apply(option, target.get(option.name())));
                }
            }
        }
        return start;
    }

    private static OptionValue apply(RawOption option, OptionValue inherited) {
        OptionValue value = option.line(Operator.ASSIGN).map(OptionValue::assigned)
                .orElse(inherited == null ? NOTHING : inherited);
        Optional<Contribution> addition = option.line(Operator.ADD);
        if (addition.isPresent()) {
            value = value.add(addition.get());
        }
        Optional<Contribution> removal = option.line(Operator.REMOVE);
        if (removal.isPresent()) {
            value = value.remove(removal.get());
        }
        return value;
    }
}
