package org.lavasoftware.deploy.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.lavasoftware.deploy.ToolException;

/** JSON and YAML through Jackson: what LAVA's API answers, what its helpers read, job definitions. */
public final class Mappers {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private Mappers() {
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code text} as JSON; {@code what} names it in the error when it is not JSON. */
    public static JsonNode readJson(String text, String what) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw ToolException.failed(what + " is not JSON: " + e.getOriginalMessage());
        }
    }

    /** {@code text} as YAML; a bad-input error naming {@code what} when it is not YAML. */
    public static JsonNode readYaml(String text, String what) {
        try {
            JsonNode node = YAML.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw ToolException.badInput(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ToolException.badInput(what + " is not YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    public static String yaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as YAML", e);
        }
    }
}
