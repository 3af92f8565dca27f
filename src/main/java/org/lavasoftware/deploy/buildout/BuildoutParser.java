package org.lavasoftware.deploy.buildout;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lavasoftware.deploy.ToolException;

/**
 * Reads one file of buildout's INI dialect, line by line, with the rules of zc.buildout's own
 * {@code configparser.py}:
 * <ul>
 * <li>a line starting with {@code #} or {@code ;} is a comment, even in the middle of a value;</li>
 * <li>a line starting with whitespace continues the current option (see {@link ValueLines});</li>
 * <li>{@code [name]} opens a section, optionally followed by a {@code #} or {@code ;} comment;</li>
 * <li>{@code name = value}, {@code name += value} and {@code name -= value} start an option. There
 * are no comments inside values: {@code a = b # c} is the value {@code b # c}, as in buildout.</li>
 * </ul>
 * {@code name: value} is accepted too, as buildout 1 (through Python's ConfigParser) accepted it;
 * buildout 2 refuses such a line, so accepting it changes no file that buildout 2 reads.
 */
final class BuildoutParser {
    private static final Pattern HEADER = Pattern.compile(
            "\\[\\s*([^\\s#\\[\\]:;{}]+)\\s*(:[^#;]*)?\\s*]\\s*([#;].*)?", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern OPTION = Pattern.compile(
            "([^\\s{}\\[\\]=:]+\\s*[-+]?)([=:])(.*)", Pattern.UNICODE_CHARACTER_CLASS);

    private final ConfigFile file;
    private RawSection section;
    private OpenOption option;

    private BuildoutParser(ConfigFile file) {
        this.file = file;
    }

    /** Parses {@code text}, the content of {@code path}; {@code name} is how messages call it. */
    static ConfigFile parse(String text, Path path, String name) {
        BuildoutParser parser = new BuildoutParser(new ConfigFile(path, name));
        String unix = text.replace("\r\n", "\n").replace('\r', '\n');
        String[] lines = unix.split("\n", -1);
        int count = unix.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            parser.read(lines[i], i + 1);
        }
        parser.finishOption();
        parser.file.setAsideExtends();
        return parser.file;
    }

    private void read(String line, int number) {
        if (!line.isEmpty() && (line.charAt(0) == '#' || line.charAt(0) == ';')) {
            return;
        }
        boolean indented = line.isEmpty() || Character.isWhitespace(line.charAt(0));
        if (indented && option != null) {
            option.value.continueWith(line);
            return;
        }
        Matcher header = HEADER.matcher(line);
        if (header.matches()) {
            openSection(header, number);
            return;
        }
        if (line.isBlank()) {
            return;
        }
        if (section == null) {
            throw error(number, line.startsWith("[") ? malformedHeader(line)
                    : "'" + line.strip() + "' comes before any [section] header; add one above it");
        }
        Matcher start = OPTION.matcher(line);
        if (!start.matches()) {
            throw error(number, line.startsWith("[") ? malformedHeader(line) : "'" + line.strip()
                    + "' is not 'name = value', a [section] header, an indented continuation or a comment");
        }
        startOption(start.group(1).stripTrailing(), start.group(3), number);
    }

    private void openSection(Matcher header, int number) {
        // buildout evaluates '[name: expression]' as Python; an empty expression means a plain header
        if (header.group(2) != null && header.group(2).length() > 1) {
            throw error(number, "conditional section headers such as [" + header.group(1)
                    + header.group(2).stripTrailing() + "] are not supported; write a plain [" + header.group(1) + "]");
        }
        finishOption();
        section = file.section(header.group(1));
    }

    private void startOption(String written, String value, int number) {
        finishOption();
        Operator operator = operatorOf(written);
        // as in buildout, trailing operator signs and spaces are no part of the name: 'eggs +=' and
        // 'eggs+=' both add to 'eggs'
        String name = operator == Operator.ASSIGN ? written : trimEnd(written, operator == Operator.ADD ? '+' : '-');
        if (name.isEmpty()) {
            throw error(number, "an option needs a name before its operator");
        }
        if (name.equals("<")) {
            throw error(number, "[" + section.name() + "] takes its options from another section ('<='),"
                    + " a buildout macro this tool does not support; copy the options instead");
        }
        option = new OpenOption(name, operator, new Origin(file.path(), file.name(), number), new ValueLines(value));
    }

    private void finishOption() {
        if (option != null) {
            section.put(option.name, new Contribution(option.operator, option.value.text(), option.origin));
            option = null;
        }
    }

    private static Operator operatorOf(String name) {
        if (name.endsWith("+")) {
            return Operator.ADD;
        }
        return name.endsWith("-") ? Operator.REMOVE : Operator.ASSIGN;
    }

    private static String trimEnd(String name, char operator) {
        int end = name.length();
        while (end > 0 && (name.charAt(end - 1) == operator || name.charAt(end - 1) == ' ')) {
            end--;
        }
        return name.substring(0, end);
    }

    private static String malformedHeader(String line) {
        return "'" + line.strip() + "' is not a section header; write [name], optionally followed by a # comment";
    }

    private ToolException error(int number, String message) {
        return ToolException.badInput(file.name() + ":" + number + ": " + message);
    }

    private record OpenOption(String name, Operator operator, Origin origin, ValueLines value) {
    }
}
