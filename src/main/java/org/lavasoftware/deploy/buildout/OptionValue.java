package org.lavasoftware.deploy.buildout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The value of one option and the lines that made it: the assignment it starts from (absent when
 * only {@code +=} or {@code -=} lines made it), then each {@code +=} and {@code -=} applied to it,
 * in order. An assignment that overrides a value forgets the lines that made the old one.
 */
public record OptionValue(String text, List<Contribution> contributions) {

    public OptionValue {
        contributions = List.copyOf(contributions);
    }

    static OptionValue assigned(Contribution assignment) {
        return new OptionValue(assignment.text(), List.of(assignment));
    }

    /** The files and lines the value came from, in the order they applied. */
    public List<Origin> origins() {
        return contributions.stream().map(Contribution::origin).toList();
    }

    /** The value's lines without surrounding blanks, blank lines left out. */
    public List<String> lines() {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The value split on whitespace, as buildout reads {@code parts} and {@code develop}. */
    public List<String> words() {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+"));
    }

    OptionValue withText(String newText) {
        return new OptionValue(newText, contributions);
    }

    /**
     * Appends the lines of {@code addition}. Buildout works on lines here, not words: its
     * documentation warns that {@code -=} only removes a line equal to one it names.
     */
    OptionValue add(Contribution addition) {
        List<String> lines = text.isEmpty() ? new ArrayList<>() : new ArrayList<>(splitLines(text));
        lines.addAll(splitLines(addition.text()));
        return new OptionValue(String.join("\n", lines), plus(addition));
    }

    /** Drops every line equal to a line of {@code removal}; naming an absent line is no error. */
    OptionValue remove(Contribution removal) {
        List<String> removed = splitLines(removal.text());
        List<String> kept = splitLines(text).stream().filter(line -> !removed.contains(line)).toList();
        return new OptionValue(String.join("\n", kept), plus(removal));
    }

    private List<Contribution> plus(Contribution more) {
        List<Contribution> all = new ArrayList<>(contributions);
        all.add(more);
        return all;
    }

    private static List<String> splitLines(String value) {
        return Arrays.asList(value.split("\n", -1));
    }
}
