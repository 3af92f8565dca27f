package org.lavasoftware.deploy.engine.operations.devices;

import java.util.Locale;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.lava.LabInventory;
import org.lavasoftware.deploy.adapters.lava.LavaAdmin;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.engine.operations.InstanceFiles;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.SetupState;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * {@code device health NAME DEVICE HEALTH}: what an administrator says of a device, as LAVA's
 * {@code devices update --health} does: good (takes jobs), unknown (its health check first),
 * maintenance (takes none), bad, looping (health checks over and over), retired.
 */
public final class DeviceHealthOperation implements Operation {
    public static final String KIND = "device-health";
    private final InstanceName instance;
    private final String device;
    private final String health;

    public DeviceHealthOperation(InstanceName instance, String device, String health) {
        this.instance = instance;
        this.device = DeviceSettings.requireName(device);
        this.health = parse(health);
    }

    /** LAVA's name of the health (GOOD ...), from any case of it. */
    static String parse(String health) {
        String upper = health == null ? "" : health.strip().toUpperCase(Locale.ROOT);
        if (LabInventory.DEVICE_HEALTHS.stream().noneMatch(h -> h.toUpperCase(Locale.ROOT).equals(upper))) {
            throw ToolException.badInput("device health '" + health + "' is not one of "
                    + String.join(", ", LabInventory.DEVICE_HEALTHS.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList()));
        }
        return upper;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public InstanceName instance() {
        return instance;
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("name", instance.value(), "device", device, "health", health);
    }

    @Override
    public void check(OperationContext context) {
        SetupState.require(context.root());
        Devices.requireDevice(context.root(), instance, device);
    }

    @Override
    public Plan plan(OperationContext context) {
        InstanceLayout layout = context.layout();
        InstanceConfig config = InstanceConfigStore.load(layout).config();
        Machine machine = Machine.of(context);
        // the health to put back, known before the step changes it (what setHealth answers is lost in a crash)
        String previous = context.facts().text("health-before", () -> Devices.find(context.root(), instance, device)
                .map(LabInventory.Device::health).orElse(null));
        return new Plan.Builder("health of device " + device + " of " + instance)
                .add(Step.named("set the health of " + device + " to " + health.toLowerCase(Locale.ROOT))
                        .shows("in LAVA's database, logged as done by lava-deployment-tool, as `lava-server manage devices update"
                                + " --health " + health + " " + device + "` does")
                        .does(() -> admin(layout, config, machine).setHealth(device, health))
                        .undoes("put the health of " + device + " back", () -> {
                            if (previous != null) {
                                admin(layout, config, machine).setHealth(device, previous.toUpperCase(Locale.ROOT));
                            }
                        })
                        .build())
                .build();
    }

    private static LavaAdmin admin(InstanceLayout layout, InstanceConfig config, Machine machine) {
        return new InstanceFiles(layout, config, machine).admin();
    }

    public static final class Factory implements OperationFactory {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new DeviceHealthOperation(InstanceName.of(parameters.get("name")), parameters.get("device"),
                    parameters.get("health"));
        }
    }
}
