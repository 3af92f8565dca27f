package org.lavasoftware.deploy.engine.operations.devices;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * What {@code device add} was asked for; also its journal parameters.
 *
 * @param dictionary the device dictionary to install; null to have one written (qemu only)
 * @param worker     the worker it is attached to; null for the instance's local worker
 */
public record DeviceSettings(InstanceName instance, String device, String type, Path dictionary, String worker) {
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,199}";
    private static final String TYPE = "[A-Za-z0-9][A-Za-z0-9_-]{0,49}";

    public DeviceSettings {
        requireName(device);
        if (type == null || !type.matches(TYPE)) {
            throw ToolException.badInput("device type '" + type + "' is not a LAVA device type name (letters, digits, - and _);"
                    + " it names a template such as qemu.jinja2");
        }
        if (dictionary == null && !type.equals("qemu")) {
            throw ToolException.badInput("a " + type + " device needs its dictionary: --dict FILE (the tool writes one only for qemu)");
        }
    }

    /** Refuses a device name LAVA or the file system would not take. */
    public static String requireName(String device) {
        if (device == null || !device.matches(NAME)) {
            throw ToolException.badInput("device name '" + device + "' is not valid: letters, digits, '.', '-' and '_',"
                    + " starting with a letter or digit, at most 200 characters");
        }
        return device;
    }

    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", instance.value());
        p.put("device", device);
        p.put("type", type);
        if (dictionary != null) {
            p.put("dictionary", dictionary.toString());
        }
        if (worker != null) {
            p.put("worker", worker);
        }
        return p;
    }

    public static DeviceSettings fromParameters(Map<String, String> p) {
        return new DeviceSettings(InstanceName.of(p.get("name")), p.get("device"), p.get("type"),
                p.containsKey("dictionary") ? Path.of(p.get("dictionary")) : null, p.get("worker"));
    }
}
