package org.lavasoftware.deploy.snapshot;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;

/**
 * A small JSON document read whole, as maps (in the document's order), lists, strings, whole
 * numbers, booleans and nulls: what {@link org.lavasoftware.deploy.text.Json} writes back. For
 * settings, never for manifests (which are streamed).
 */
public final class JsonTree {
    private JsonTree() {
    }

    /** The document's value; {@code what} names it in the error when it is not JSON. */
    public static Object parse(String text, String what) {
        try (JsonReader in = new JsonReader(new StringReader(text))) {
            Object value = value(in);
            in.endDocument();
            return value;
        } catch (JsonReader.Malformed | java.io.IOException e) {
            throw ToolException.unexpectedState(what + " is not the JSON expected: " + e.getMessage());
        }
    }

    private static Object value(JsonReader in) {
        return switch (in.peek()) {
            case BEGIN_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                in.beginObject();
                while (in.hasNext()) {
                    String name = in.nextName();
                    map.put(name, value(in));
                }
                in.endObject();
                yield map;
            }
            case BEGIN_ARRAY -> {
                List<Object> list = new ArrayList<>();
                in.beginArray();
                while (in.hasNext()) {
                    list.add(value(in));
                }
                in.endArray();
                yield list;
            }
            case STRING -> in.nextString();
            case NUMBER -> in.nextLong();
            case BOOLEAN -> in.nextBoolean();
            case NULL -> {
                in.nextNull();
                yield null;
            }
            default -> throw in.malformed("expected a value");
        };
    }
}
