package org.lavasoftware.deploy.engine.operations.devices;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.lava.LabInventory;
import org.lavasoftware.deploy.engine.Engine;
import org.lavasoftware.deploy.engine.operations.InstanceInventory;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.model.LavaRoot;

/**
 * {@code device add|list|remove|health} and {@code worker list}, as the command line, the shell
 * and recipes ask for them: operations run through the engine, lists read from the instance's
 * database. Each returns what the faces show.
 */
public final class Devices {
    private Devices() {
    }

    /** Adds the device; returns it as the instance now lists it (empty in a dry run). */
    public static Optional<LabInventory.Device> add(Engine engine, DeviceSettings settings) {
        engine.execute(new DeviceAddOperation(settings));
        return engine.isDryRun() ? Optional.empty() : find(engine.root(), settings.instance(), settings.device());
    }

    /** Removes the device: "removed", "retired" (jobs ran on it), or "planned" in a dry run. */
    public static String remove(Engine engine, InstanceName instance, String device) {
        engine.execute(new DeviceRemoveOperation(instance, device));
        if (engine.isDryRun()) {
            return "planned";
        }
        return find(engine.root(), instance, device).isPresent() ? "retired" : "removed";
    }

    /** Sets the device's health; returns it as the instance now lists it (empty in a dry run). */
    public static Optional<LabInventory.Device> health(Engine engine, InstanceName instance, String device, String health) {
        engine.execute(new DeviceHealthOperation(instance, device, health));
        return engine.isDryRun() ? Optional.empty() : find(engine.root(), instance, device);
    }

    /** The instance's devices, retired ones included, by name. */
    public static List<LabInventory.Device> list(Engine engine, InstanceName instance) {
        return inventory(engine.root(), instance).devices();
    }

    /** The instance's workers, with their state (Online, Offline) and health. */
    public static List<LabInventory.Worker> workers(Engine engine, InstanceName instance) {
        return inventory(engine.root(), instance).workers();
    }

    static LabInventory inventory(LavaRoot root, InstanceName name) {
        InstanceLayout layout = root.existing(name);
        return InstanceInventory.read(layout, InstanceConfigStore.load(layout).config());
    }

    static Optional<LabInventory.Device> find(LavaRoot root, InstanceName instance, String device) {
        return inventory(root, instance).devices().stream().filter(d -> d.name().equals(device)).findFirst();
    }

    static LabInventory.Device requireDevice(LavaRoot root, InstanceName instance, String device) {
        return find(root, instance, device).orElseThrow(() -> ToolException.badInput("no device " + device + " in instance "
                + instance + "; `lava-deployment-tool device list " + instance + "` shows its devices"));
    }

    static Path dictionaryFile(InstanceLayout layout, String device) {
        return layout.dispatcherConfig().resolve("devices").resolve(device + ".jinja2");
    }

    public static Path healthCheckFile(InstanceLayout layout, String type) {
        return layout.dispatcherConfig().resolve("health-checks").resolve(type + ".yaml");
    }
}
