package org.lavasoftware.deploy.engine.operations.devices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lavasoftware.deploy.adapters.lava.LabInventory;
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
 * {@code device remove NAME DEVICE}: the device leaves the instance. LAVA deletes a device's jobs
 * with it, so a device that ran jobs is retired instead (it takes none, and is listed only as
 * such); one that never ran any is deleted with its dictionary. A device running a job is refused.
 */
public final class DeviceRemoveOperation implements Operation {
    public static final String KIND = "device-remove";
    private final InstanceName instance;
    private final String device;

    public DeviceRemoveOperation(InstanceName instance, String device) {
        this.instance = instance;
        this.device = DeviceSettings.requireName(device);
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
        return Map.of("name", instance.value(), "device", device);
    }

    @Override
    public void check(OperationContext context) {
        SetupState.require(context.root());
        LabInventory.Device found = Devices.requireDevice(context.root(), instance, device);
        if (!found.state().equals("Idle")) {
            throw org.lavasoftware.deploy.ToolException.badInput("device " + device + " is " + found.state().toLowerCase()
                    + (found.job() == null ? "" : " (job " + found.job() + ")") + "; wait for its job to end, or cancel it, then remove it");
        }
    }

    @Override
    public boolean confirm(Plan plan, org.lavasoftware.deploy.engine.Prompter prompter) {
        return prompter.confirm(String.join("\n", plan.describe()) + "\nRemove device " + device + " from " + instance + "?");
    }

    @Override
    public Plan plan(OperationContext context) {
        InstanceLayout layout = context.layout();
        InstanceConfig config = InstanceConfigStore.load(layout).config();
        Machine machine = Machine.of(context);
        Path dictionary = Devices.dictionaryFile(layout, device);
        return new Plan.Builder("removal of device " + device + " from " + instance)
                .add(Step.named("remove " + device + " from " + instance)
                        .shows("in LAVA's database: deleted when no job ran on it, else retired (LAVA would delete its jobs"
                                + " with it); a deleted device's dictionary " + dictionary + " goes too")
                        .does(() -> {
                            if (new InstanceFiles(layout, config, machine).admin().removeDevice(device).deleted()) {
                                Files.deleteIfExists(dictionary);
                            }
                        })
                        // LAVA's change is one transaction, done or not; a crash after it, before the dictionary
                        // went, is finished here: what is undone is only what did not happen
                        .undoes("remove the dictionary of " + device + " if LAVA deleted the device", () -> {
                            if (Devices.find(context.root(), instance, device).isEmpty()) {
                                Files.deleteIfExists(dictionary);
                            }
                        })
                        .pointOfNoReturn()
                        .build())
                .build();
    }

    public static final class Factory implements OperationFactory {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new DeviceRemoveOperation(InstanceName.of(parameters.get("name")), parameters.get("device"));
        }
    }
}
