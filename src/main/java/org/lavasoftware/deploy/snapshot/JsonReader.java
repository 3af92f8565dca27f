package org.lavasoftware.deploy.snapshot;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * A strict, streaming JSON reader (RFC 8259 and nothing more: no comments, no trailing commas, no
 * NaN). Streaming because a manifest lists every media file: a listing reads only its header, and
 * no reader needs the whole document as a tree. Kept to the snapshot package: backup and restore
 * read with it, and {@link JsonTree} lends it to the few small documents read whole.
 */
final class JsonReader implements Closeable {
    enum Token { BEGIN_OBJECT, END_OBJECT, BEGIN_ARRAY, END_ARRAY, NAME, STRING, NUMBER, BOOLEAN, NULL, END }

    /** The document is not JSON, or not the JSON the caller expects; the message says where. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    private static final int DOCUMENT = 0;
    private static final int DOCUMENT_DONE = 1;
    private static final int OBJECT_EMPTY = 2;
    private static final int OBJECT_NAME = 3;
    private static final int OBJECT_VALUE = 4;
    private static final int ARRAY_EMPTY = 5;
    private static final int ARRAY_VALUE = 6;
    private static final int MAX_DEPTH = 32;

    private final JsonLexer lexer;
    private final int[] scopes = new int[MAX_DEPTH + 1];
    private int depth = 1;
    private Token peeked;
    private String peekedText;

    JsonReader(Reader in) {
        this.lexer = new JsonLexer(in);
        scopes[0] = DOCUMENT;
    }

    Token peek() {
        if (peeked != null) {
            return peeked;
        }
        int c = lexer.nextNonSpace();
        switch (scopes[depth - 1]) {
            case DOCUMENT -> {
                scopes[depth - 1] = DOCUMENT_DONE;
                return value(c);
            }
            case DOCUMENT_DONE -> {
                if (c != -1) {
                    throw malformed("text after the end of the document");
                }
                return found(Token.END, null);
            }
            case OBJECT_EMPTY, OBJECT_VALUE -> {
                if (c == '}') {
                    return found(Token.END_OBJECT, null);
                }
                if (scopes[depth - 1] == OBJECT_VALUE) {
                    if (c != ',') {
                        throw malformed("expected ',' or '}' " + JsonLexer.describe(c));
                    }
                    c = lexer.nextNonSpace();
                }
                if (c != '"') {
                    throw malformed("expected a name in double quotes " + JsonLexer.describe(c));
                }
                scopes[depth - 1] = OBJECT_NAME;
                return found(Token.NAME, lexer.string());
            }
            case OBJECT_NAME -> {
                if (c != ':') {
                    throw malformed("expected ':' " + JsonLexer.describe(c));
                }
                scopes[depth - 1] = OBJECT_VALUE;
                return value(lexer.nextNonSpace());
            }
            default -> {
                if (c == ']') {
                    return found(Token.END_ARRAY, null);
                }
                if (scopes[depth - 1] == ARRAY_VALUE) {
                    if (c != ',') {
                        throw malformed("expected ',' or ']' " + JsonLexer.describe(c));
                    }
                    c = lexer.nextNonSpace();
                }
                scopes[depth - 1] = ARRAY_VALUE;
                return value(c);
            }
        }
    }

    boolean hasNext() {
        Token t = peek();
        return t != Token.END_OBJECT && t != Token.END_ARRAY && t != Token.END;
    }

    void beginObject() {
        take(Token.BEGIN_OBJECT);
        push(OBJECT_EMPTY);
    }

    void endObject() {
        take(Token.END_OBJECT);
        depth--;
    }

    void beginArray() {
        take(Token.BEGIN_ARRAY);
        push(ARRAY_EMPTY);
    }

    void endArray() {
        take(Token.END_ARRAY);
        depth--;
    }

    String nextName() {
        return take(Token.NAME);
    }

    String nextString() {
        return take(Token.STRING);
    }

    long nextLong() {
        String text = take(Token.NUMBER);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw malformed("expected a whole number, found " + text);
        }
    }

    boolean nextBoolean() {
        return Boolean.parseBoolean(take(Token.BOOLEAN));
    }

    void nextNull() {
        take(Token.NULL);
    }

    /** Reads past the next value, whatever it is, checking its syntax on the way. */
    void skipValue() {
        switch (peek()) {
            case BEGIN_OBJECT -> {
                beginObject();
                while (hasNext()) {
                    nextName();
                    skipValue();
                }
                endObject();
            }
            case BEGIN_ARRAY -> {
                beginArray();
                while (hasNext()) {
                    skipValue();
                }
                endArray();
            }
            default -> take(peek());
        }
    }

    /** Checks that nothing but white space follows the document. */
    void endDocument() {
        take(Token.END);
    }

    Malformed malformed(String what) {
        return lexer.malformed(what);
    }

    @Override
    public void close() throws IOException {
        lexer.close();
    }

    private String take(Token expected) {
        Token t = peek();
        if (t != expected) {
            throw malformed("expected " + name(expected) + ", found " + name(t));
        }
        peeked = null;
        return peekedText;
    }

    private void push(int scope) {
        if (depth == MAX_DEPTH) {
            throw malformed("nested deeper than " + MAX_DEPTH + " levels");
        }
        scopes[depth++] = scope;
    }

    private Token found(Token token, String text) {
        peeked = token;
        peekedText = text;
        return token;
    }

    private Token value(int c) {
        switch (c) {
            case '{':
                return found(Token.BEGIN_OBJECT, null);
            case '[':
                return found(Token.BEGIN_ARRAY, null);
            case '"':
                return found(Token.STRING, lexer.string());
            case 't':
                lexer.literal("rue");
                return found(Token.BOOLEAN, "true");
            case 'f':
                lexer.literal("alse");
                return found(Token.BOOLEAN, "false");
            case 'n':
                lexer.literal("ull");
                return found(Token.NULL, null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return found(Token.NUMBER, lexer.number(c));
                }
                throw malformed("expected a value " + JsonLexer.describe(c));
        }
    }

    private static String name(Token t) {
        return switch (t) {
            case BEGIN_OBJECT -> "an object";
            case END_OBJECT -> "the end of an object";
            case BEGIN_ARRAY -> "a list";
            case END_ARRAY -> "the end of a list";
            case NAME -> "a name";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            case END -> "the end of the text";
        };
    }
}
