package org.lavasoftware.deploy.engine.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.adapters.services.ServiceState;
import org.lavasoftware.deploy.engine.operations.web.WebAddress;
import org.lavasoftware.deploy.model.InstanceConfig;

/**
 * How an instance is doing: each of its programs, and whether its URL answers through Apache.
 * running when every program runs (and the page answers, when it was asked), stopped when none
 * does, broken otherwise.
 */
public record InstanceHealth(String name, String state, Map<String, ServiceState> programs, String url,
                             Integer httpStatus) {

    /** Where users find the instance, as it is served now; null when it has no web part. */
    public static String url(InstanceConfig config) {
        return WebAddress.url(config);
    }

    /** The state from the programs' states alone (what list shows without asking the web). */
    public static String state(List<ServiceState> states) {
        if (states.isEmpty()) {
            return "not deployed";
        }
        if (states.stream().allMatch(ServiceState::isUp)) {
            return "running";
        }
        if (states.stream().allMatch(s -> s == ServiceState.STOPPED)) {
            return "stopped";
        }
        return "broken";
    }

    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("state", state);
        Map<String, Object> p = new LinkedHashMap<>();
        programs.forEach((k, v) -> p.put(k, v.name().toLowerCase()));
        fields.put("programs", p);
        fields.put("url", url);
        fields.put("http", httpStatus);
        return fields;
    }
}
