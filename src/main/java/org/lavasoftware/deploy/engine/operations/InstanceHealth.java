package org.lavasoftware.deploy.engine.operations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.lava.LabInventory;
import org.lavasoftware.deploy.adapters.services.ServiceState;
import org.lavasoftware.deploy.engine.operations.web.WebAddress;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;

/**
 * How an instance is doing: each of its programs, whether its URL answers through Apache, and its
 * workers and devices as its database holds them ({@code lab}: null when it cannot be read).
 * running when every program runs (and the page answers, when it was asked), stopped when none
 * does, broken otherwise.
 */
public record InstanceHealth(String name, String state, Map<String, ServiceState> programs, String url,
                             Integer httpStatus, LabInventory lab) {

    /** Where users find the instance, as it is served now; null when it has no web part. */
    public static String url(InstanceConfig config) {
        return WebAddress.url(config);
    }

    /**
     * Waits, at most 2 minutes, for the instance's page to answer 200 through Apache; else fails
     * naming what answered, {@code serving} (what it was serving, "with revision R") and its logs.
     * An instance without a web part has nothing to wait for.
     */
    public static void requireAnswering(Machine machine, InstanceConfig config, Path logDir, String serving) {
        String url = url(config);
        if (url == null) {
            return;
        }
        int status = machine.http().awaitOk(url, config.get(ConfigKey.LAVA_APACHE_VHOST), url.startsWith("https"),
                Duration.ofMinutes(2));
        if (status != 200) {
            throw ToolException.failed(url + " answered " + (status == 0 ? "nothing" : status) + " " + serving
                    + "; see " + logDir + "/gunicorn.log and django.log");
        }
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
        fields.put("workers", lab == null ? null : lab.workers().stream().map(LabInventory.Worker::fields).toList());
        fields.put("devices", lab == null ? null : lab.devices().stream().map(LabInventory.Device::fields).toList());
        return fields;
    }
}
