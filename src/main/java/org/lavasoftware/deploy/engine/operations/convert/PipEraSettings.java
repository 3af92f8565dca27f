package org.lavasoftware.deploy.engine.operations.convert;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lavasoftware.deploy.adapters.lava.LavaScripts;
import org.lavasoftware.deploy.model.ShellAssignments;
import org.lavasoftware.deploy.snapshot.JsonTree;
import org.lavasoftware.deploy.text.Json;

/**
 * lava.env of a pip-based copy: the original's settings, which point into its venv (PYTHONPATH,
 * the paths in LAVA_JSON_SETTINGS), moved to the copy's directory, so that the copy runs what the
 * original runs; what makes the copy another instance (its database, key, name, host, event port,
 * URL prefix) stays the copy's. What the copy has and the original lacks is kept, unless it points
 * into the copy's code/, which the copy loses.
 */
final class PipEraSettings {
    static final String JSON = "LAVA_JSON_SETTINGS";
    private static final Set<String> OWN = Set.of("DATABASE_URL", "PGPASSFILE", "SECRET_KEY", "INSTANCE_NAME", "ALLOWED_HOSTS");
    private static final Set<String> OWN_JSON = Set.of("EVENT_SOCKET", "MOUNT_POINT", "STATIC_URL", "LOGIN_URL",
            "LOGIN_REDIRECT_URL", "CSRF_COOKIE_PATH", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE");

    private final VenvPaths paths;
    private final VenvPaths copyCode;

    /** {@code copyCode}: the copy's code/ directory, which it loses when it becomes pip-based. */
    PipEraSettings(VenvPaths paths, Path copyCode) {
        this.paths = paths;
        this.copyCode = new VenvPaths(copyCode, copyCode);
    }

    /** The copy's lava.env from the original's ({@code old}) and the copy's as installed ({@code copy}). */
    String envFile(String old, String copy) {
        return LavaScripts.envFile(environment(ShellAssignments.parse(old, "the original's lava.env"),
                ShellAssignments.parse(copy, "the copy's lava.env")));
    }

    Map<String, String> environment(Map<String, String> old, Map<String, String> copy) {
        Map<String, Object> merged = merge(new LinkedHashMap<>(old), new LinkedHashMap<>(copy), OWN);
        Map<String, String> env = new LinkedHashMap<>();
        merged.forEach((k, v) -> env.put(k, (String) v));
        if (old.containsKey(JSON) && copy.containsKey(JSON)) {
            env.put(JSON, encode(merge(decode(old.get(JSON)), decode(copy.get(JSON)), OWN_JSON)));
        }
        return env;
    }

    private Map<String, Object> merge(Map<String, ?> old, Map<String, ?> copy, Set<String> own) {
        Map<String, Object> merged = new LinkedHashMap<>();
        copy.forEach((key, value) -> {
            if (own.contains(key) || !old.containsKey(key) && !intoCode(value)) {
                merged.put(key, value);
            } else if (old.containsKey(key)) {
                merged.put(key, moved(old.get(key)));
            }
        });
        old.forEach((key, value) -> {
            if (!copy.containsKey(key) && !own.contains(key)) {
                merged.put(key, moved(value));
            }
        });
        return merged;
    }

    private boolean intoCode(Object value) {
        String text = value instanceof String s ? s : Json.write(value);
        return copyCode.names(text);
    }

    private Object moved(Object value) {
        if (value instanceof String s) {
            return paths.rewrite(s);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::moved).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, moved(v)));
            return out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decode(String base64) {
        Object json = JsonTree.parse(new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8), JSON);
        if (!(json instanceof Map)) {
            throw org.lavasoftware.deploy.ToolException.unexpectedState(JSON + " is not a JSON object of settings");
        }
        return (Map<String, Object>) json;
    }

    private static String encode(Map<String, Object> json) {
        return Base64.getEncoder().encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }
}
