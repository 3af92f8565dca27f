package org.lavasoftware.deploy.snapshot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fields of a manifest's head, read loosely first and then checked one by one. */
final class ManifestValues {
    /** JSON null, told apart from a field that is absent. */
    private static final Object NULL = new Object();
    /** A list or object where the head has none; only worth an error once the format is known. */
    private static final Object COMPOUND = new Object();
    private static final Set<String> TOTALS = Set.of("files", "bytes", "copiedBytes");

    private ManifestValues() {
    }

    static Object read(JsonReader json, String name) {
        switch (json.peek()) {
            case STRING:
                return json.nextString();
            case NUMBER:
                return json.nextLong();
            case BOOLEAN:
                return json.nextBoolean();
            case NULL:
                json.nextNull();
                return NULL;
            case BEGIN_OBJECT:
                if (name.equals("summary")) {
                    return totals(json);
                }
                json.skipValue();
                return COMPOUND;
            default:
                json.skipValue();
                return COMPOUND;
        }
    }

    private static Map<String, Long> totals(JsonReader json) {
        Map<String, Long> totals = new LinkedHashMap<>();
        json.beginObject();
        while (json.hasNext()) {
            String name = json.nextName();
            if (!TOTALS.contains(name)) {
                throw json.malformed("unknown field '" + name + "' in the summary");
            }
            if (totals.put(name, json.nextLong()) != null) {
                throw json.malformed("field '" + name + "' appears twice in the summary");
            }
        }
        json.endObject();
        return totals;
    }

    /** Refuses anything but the format this tool reads, before any other field is judged. */
    static void checkFormat(Map<String, Object> head) {
        Object format = head.get("format");
        if (format == null) {
            throw new IllegalArgumentException("it has no 'format' field, so it is no manifest of lava-deployment-tool");
        }
        if (!(format instanceof Long n)) {
            throw new IllegalArgumentException("field 'format' is not a number");
        }
        if (n != Manifest.FORMAT) {
            throw new IllegalArgumentException("it has format " + n + " and this tool reads format " + Manifest.FORMAT
                    + (n > Manifest.FORMAT ? ": read it with a newer lava-deployment-tool" : ""));
        }
    }

    static ManifestSummary summary(Map<String, Object> head, List<String> known) {
        for (String name : head.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "'");
            }
        }
        SnapshotMetadata metadata = new SnapshotMetadata(text(head, "instance", false), text(head, "toolVersion", false),
                text(head, "codeRevision", true), text(head, "postgresqlVersion", true));
        Instant created = Instant.parse(text(head, "created", false));
        Manifest.Kind kind = switch (text(head, "kind", false)) {
            case "full" -> Manifest.Kind.FULL;
            case "incremental" -> Manifest.Kind.INCREMENTAL;
            default -> throw new IllegalArgumentException("field 'kind' is neither 'full' nor 'incremental'");
        };
        SnapshotId base = null;
        if (kind == Manifest.Kind.INCREMENTAL) {
            String text = text(head, "base", false);
            base = SnapshotId.tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                    "field 'base' is no snapshot id: " + Names.shown(text)));
        } else if (head.containsKey("base")) {
            throw new IllegalArgumentException("a full snapshot has no 'base'");
        }
        Object totals = head.get("summary");
        if (!(totals instanceof Map<?, ?> t) || !t.keySet().equals(TOTALS)) {
            throw new IllegalArgumentException("field 'summary' must hold files, bytes and copiedBytes");
        }
        long files = (Long) t.get("files");
        long bytes = (Long) t.get("bytes");
        long copied = (Long) t.get("copiedBytes");
        if (files < 0 || bytes < 0 || copied < 0 || copied > bytes) {
            throw new IllegalArgumentException("field 'summary' holds impossible totals");
        }
        return new ManifestSummary(metadata, created, kind, base, files, bytes, copied);
    }

    private static String text(Map<String, Object> head, String name, boolean nullable) {
        if (!head.containsKey(name)) {
            throw new IllegalArgumentException("missing field '" + name + "'");
        }
        Object value = head.get(name);
        if (value == NULL && nullable) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("field '" + name + "' is not a string");
        }
        return s;
    }
}
