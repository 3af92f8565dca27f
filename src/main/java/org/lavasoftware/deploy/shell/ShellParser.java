package org.lavasoftware.deploy.shell;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;

/**
 * Splits a shell line into words at whitespace, keeping quotes and brackets in the words (the
 * completer needs {@code instance('pr} as typed), and keeps reading further lines while a
 * bracket or a quote is open, so a Groovy block can span several lines.
 */
final class ShellParser implements Parser {

    @Override
    public CompletingParsedLine parse(String line, int cursor, ParseContext context) {
        List<String> words = new ArrayList<>();
        int wordIndex = -1;
        int wordCursor = 0;
        int depth = 0;
        char quote = 0;
        StringBuilder word = new StringBuilder();
        int wordStart = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == cursor) {
                wordIndex = words.size();
                wordCursor = i - wordStart;
            }
            if (i == line.length()) {
                break;
            }
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote && line.charAt(i - 1) != '\\') {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if ("({[".indexOf(c) >= 0) {
                depth++;
            } else if (")}]".indexOf(c) >= 0) {
                depth--;
            }
            if (Character.isWhitespace(c) && quote == 0 && depth <= 0) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                wordStart = i + 1;
            } else {
                if (word.length() == 0) {
                    wordStart = i;
                }
                word.append(c);
            }
        }
        if (context == ParseContext.ACCEPT_LINE && (quote != 0 || depth > 0)) {
            throw new EOFError(-1, -1, quote != 0 ? "unclosed quote" : "unclosed bracket",
                    quote != 0 ? String.valueOf(quote) : "bracket");
        }
        if (word.length() > 0 || wordIndex == words.size()) {
            words.add(word.toString());
        }
        if (wordIndex < 0 || wordIndex >= words.size()) {
            wordIndex = words.size() - 1;
            wordCursor = words.get(wordIndex).length();
        }
        return new Line(line, cursor, words, wordIndex, Math.min(wordCursor, words.get(wordIndex).length()));
    }

    private record Line(String line, int cursor, List<String> words, int wordIndex, int wordCursor)
            implements CompletingParsedLine {

        @Override
        public String word() {
            return words.get(wordIndex);
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }
}
