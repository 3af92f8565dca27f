package org.lavasoftware.deploy.shell;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes what the shell understands: command names and DSL primitives first; the arguments
 * of classic commands by their kind (an instance NAME, a SNAPSHOT of the instance before it, a
 * MODE, a HEALTH, the verb of {@code device} or {@code worker}); inside DSL code, instance names in {@code instance('...')} and the instance's
 * primitives after {@code instance('x').}.
 */
final class ShellCompleter implements Completer {
    private static final Pattern INSTANCE_NAME = Pattern.compile("^(.*\\binstance\\(\\s*)(['\"])([a-z0-9_-]*)$");
    private static final Pattern INSTANCE_MEMBER = Pattern.compile("^(.*\\binstance\\(\\s*(['\"])[a-z0-9_-]+\\2\\s*\\)\\.)(\\w*)$");

    /** What the shell knows, asked afresh at each Tab (instances come and go). */
    record Vocabulary(Supplier<Collection<String>> commands, Supplier<Collection<String>> primitives,
                      Supplier<Collection<String>> instanceMembers, Supplier<Collection<String>> instances,
                      Function<String, Collection<String>> snapshotsOf,
                      Function<String, List<String>> argumentKinds) {
    }

    /** The kind of the first argument of a command of commands: the names of its verbs follow it. */
    static final String VERBS = "VERB:";

    private final Vocabulary vocabulary;

    ShellCompleter(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        Matcher member = INSTANCE_MEMBER.matcher(word);
        if (member.matches()) {
            vocabulary.instanceMembers().get().forEach(m -> candidates.add(
                    new Candidate(member.group(1) + m, m, "instance", null, null, null, false)));
            return;
        }
        Matcher name = INSTANCE_NAME.matcher(word);
        if (name.matches()) {
            String quote = name.group(2);
            vocabulary.instances().get().forEach(i -> candidates.add(
                    new Candidate(name.group(1) + quote + i + quote + ")", i, "instances", null, null, null, false)));
            return;
        }
        if (line.wordIndex() == 0) {
            vocabulary.commands().get().forEach(c -> candidates.add(new Candidate(c, c, "commands", null, null, null, true)));
            vocabulary.primitives().get().forEach(p -> candidates.add(new Candidate(p, p, "DSL", null, null, null, false)));
            return;
        }
        completeArgument(line, candidates);
    }

    private void completeArgument(ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        String command = words.get(0);
        int first = 1;
        // a command of commands (device add ...): its verb, then the verb's own arguments
        if (line.wordIndex() > 1 && !vocabulary.argumentKinds().apply(command + " " + words.get(1)).isEmpty()) {
            command = command + " " + words.get(1);
            first = 2;
        }
        List<String> kinds = vocabulary.argumentKinds().apply(command);
        List<String> positional = new ArrayList<>();
        for (int i = first; i < line.wordIndex(); i++) {
            if (!words.get(i).startsWith("-")) {
                positional.add(words.get(i));
            }
        }
        if (positional.size() >= kinds.size()) {
            return;
        }
        String kind = kinds.get(positional.size());
        Collection<String> values = switch (kind) {
            case "NAME", "TARGET" -> vocabulary.instances().get();
            case "SNAPSHOT" -> positional.isEmpty() ? List.of() : vocabulary.snapshotsOf().apply(positional.get(0));
            case "MODE" -> List.of("vhost", "location");
            case "HEALTH" -> List.of("good", "unknown", "maintenance", "bad", "looping", "retired");
            default -> kind.startsWith(VERBS) ? List.of(kind.substring(VERBS.length()).split(",")) : List.of();
        };
        values.forEach(v -> candidates.add(new Candidate(v, v, kind.toLowerCase(), null, null, null, true)));
    }

    /** For the argument kinds of the commands: the labels of their positional parameters. */
    static Function<String, List<String>> kindsFrom(Map<String, List<String>> labelsByCommand) {
        return command -> labelsByCommand.getOrDefault(command, List.of());
    }
}
