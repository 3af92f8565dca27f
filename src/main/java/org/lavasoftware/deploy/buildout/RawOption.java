package org.lavasoftware.deploy.buildout;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one file says about one option of one section: at most one line per operator. Buildout's
 * parser keeps the options of a section in a dictionary keyed by {@code name}, {@code name +} and
 * {@code name -}, so a second {@code eggs +=} in the same section of the same file replaces the
 * first rather than adding to it; this keeps that rule.
 */
final class RawOption {
    private final String name;
    private final Map<Operator, Contribution> lines = new EnumMap<>(Operator.class);

    RawOption(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void put(Contribution contribution) {
        lines.put(contribution.operator(), contribution);
    }

    Optional<Contribution> line(Operator operator) {
        return Optional.ofNullable(lines.get(operator));
    }

    Optional<Contribution> take(Operator operator) {
        return Optional.ofNullable(lines.remove(operator));
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }
}
