package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/** The characters of a JSON text turned into strings, numbers and literals, for {@link JsonReader}. */
final class JsonLexer {
    // paths and link targets are at most 4096 bytes: a longer string is damage, not data
    private static final int MAX_STRING = 65_536;
    private static final int MAX_NUMBER = 40;
    private static final int NONE = -2;

    private final Reader in;
    // read a block at a time: a manifest has a few hundred characters per media file, and a
    // call into the Reader for each of them was most of the time a backup took to read its base
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private int line = 1;
    private int pushedBack = NONE;

    JsonLexer(Reader in) {
        this.in = in;
    }

    JsonReader.Malformed malformed(String what) {
        return new JsonReader.Malformed("line " + line + ": " + what);
    }

    int nextNonSpace() {
        int c = read();
        while (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            c = read();
        }
        return c;
    }

    /** The rest of a literal whose first character was read: "rue" after 't'. */
    void literal(String rest) {
        for (int i = 0; i < rest.length(); i++) {
            if (read() != rest.charAt(i)) {
                throw malformed("expected true, false or null");
            }
        }
    }

    /** A number in JSON's grammar (no leading zeros, no bare '.'), starting with {@code first}. */
    String number(int first) {
        StringBuilder text = new StringBuilder();
        int c = first;
        if (c == '-') {
            text.append('-');
            c = read();
        }
        if (c == '0') {
            text.append('0');
            c = read();
        } else {
            c = digits(c, text, "a digit");
        }
        if (c == '.') {
            text.append('.');
            c = digits(read(), text, "a digit after '.'");
        }
        if (c == 'e' || c == 'E') {
            text.append('e');
            c = read();
            if (c == '+' || c == '-') {
                text.append((char) c);
                c = read();
            }
            c = digits(c, text, "a digit in the exponent");
        }
        pushedBack = c;
        return text.toString();
    }

    private int digits(int c, StringBuilder text, String what) {
        if (c < '0' || c > '9') {
            throw malformed("expected " + what + " " + describe(c));
        }
        while (c >= '0' && c <= '9') {
            if (text.length() == MAX_NUMBER) {
                throw malformed("number longer than " + MAX_NUMBER + " characters");
            }
            text.append((char) c);
            c = read();
        }
        return c;
    }

    /** The rest of a string whose opening quote was read. */
    String string() {
        // most strings (paths, hashes) have no escape and end in the buffer: taken from it whole
        if (pushedBack == NONE) {
            for (int i = position; i < limit && i - position < MAX_STRING; i++) {
                char c = buffer[i];
                if (c == '"') {
                    String text = new String(buffer, position, i - position);
                    position = i + 1;
                    return text;
                }
                if (c == '\\' || c < 0x20) {
                    break;
                }
            }
        }
        StringBuilder text = new StringBuilder();
        while (true) {
            int c = read();
            if (c == '"') {
                return text.toString();
            }
            if (c == -1 || c == '\n') {
                throw malformed("unterminated string");
            }
            if (c < 0x20) {
                throw malformed("control character in a string (escape it)");
            }
            if (text.length() == MAX_STRING) {
                throw malformed("string longer than " + MAX_STRING + " characters");
            }
            text.append(c == '\\' ? escape() : (char) c);
        }
    }

    private char escape() {
        int c = read();
        switch (c) {
            case '"', '\\', '/':
                return (char) c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(read(), 16);
                    if (digit < 0) {
                        throw malformed("expected four hexadecimal digits after \\u");
                    }
                    code = code * 16 + digit;
                }
                return (char) code;
            default:
                throw malformed("unknown escape \\" + (c < 0x20 ? "" : String.valueOf((char) c)));
        }
    }

    private int read() {
        if (pushedBack != NONE) {
            int c = pushedBack;
            pushedBack = NONE;
            return c;
        }
        if (position == limit && !fill()) {
            return -1;
        }
        char c = buffer[position++];
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private boolean fill() {
        try {
            int n = in.read(buffer, 0, buffer.length);
            while (n == 0) {
                n = in.read(buffer, 0, buffer.length);
            }
            position = 0;
            limit = Math.max(0, n);
            return n > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String describe(int c) {
        if (c == -1) {
            return "at the end of the text";
        }
        return c < 0x20 || c == 0x7f ? String.format("at character \\x%02x", c) : "at '" + (char) c + "'";
    }

    void close() throws IOException {
        in.close();
    }
}
