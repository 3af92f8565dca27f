package org.lavasoftware.deploy.shell;

import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** Colours what is typed: commands and primitives, Groovy keywords, strings, numbers, comments. */
final class ShellHighlighter implements Highlighter {
    private static final Pattern TOKEN = Pattern.compile(
            "(?<comment>//.*$)|(?<string>'(?:[^'\\\\]|\\\\.)*'?|\"(?:[^\"\\\\]|\\\\.)*\"?)"
                    + "|(?<number>\\b\\d+(?:\\.\\d+)?\\b)|(?<word>[A-Za-z_][A-Za-z0-9_]*)", Pattern.MULTILINE);
    private static final Set<String> KEYWORDS = Set.of("def", "if", "else", "for", "in", "while", "return", "true",
            "false", "null", "new", "try", "catch", "finally", "throw", "as", "int", "String", "var", "it");
    private static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    private static final AttributedStyle PRIMITIVE = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
    private static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT);

    private final Supplier<Set<String>> knownWords;

    ShellHighlighter(Supplier<Set<String>> knownWords) {
        this.knownWords = knownWords;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        Set<String> known = knownWords.get();
        Matcher m = TOKEN.matcher(buffer);
        int last = 0;
        while (m.find()) {
            out.append(buffer.substring(last, m.start()));
            AttributedStyle style = null;
            if (m.group("comment") != null) {
                style = COMMENT;
            } else if (m.group("string") != null) {
                style = STRING;
            } else if (m.group("number") != null) {
                style = NUMBER;
            } else if (KEYWORDS.contains(m.group())) {
                style = KEYWORD;
            } else if (known.contains(m.group())) {
                style = PRIMITIVE;
            }
            if (style == null) {
                out.append(m.group());
            } else {
                out.styled(style, m.group());
            }
            last = m.end();
        }
        out.append(buffer.substring(last));
        return out.toAttributedString();
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {
        // errors are reported after a line runs, not while it is typed
    }

    @Override
    public void setErrorIndex(int errorIndex) {
        // as above
    }
}
