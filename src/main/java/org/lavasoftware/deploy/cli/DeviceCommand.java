package org.lavasoftware.deploy.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lavasoftware.deploy.ExitStatus;
import org.lavasoftware.deploy.adapters.lava.LabInventory;
import org.lavasoftware.deploy.engine.operations.devices.DeviceSettings;
import org.lavasoftware.deploy.engine.operations.devices.Devices;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.text.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "device", description = {
    "The devices of an instance: add, list, remove, health. A device hangs off a worker (the instance's",
    "local one unless --worker), its dictionary in the instance's etc/dispatcher-config/devices."},
        subcommands = {DeviceCommand.Add.class, DeviceCommand.ListDevices.class, DeviceCommand.Remove.class,
            DeviceCommand.Health.class})
final class DeviceCommand implements Callable<Integer> {
    @ParentCommand
    private LavaDeploymentTool tool;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(tool.context().err());
        return ExitStatus.BAD_INPUT.code();
    }

    /** The device as it is now: its fields for programs (--json), else a line for people. */
    static void show(CliContext context, LabInventory.Device device, String line) {
        if (context.options().json) {
            context.out().println(Json.write(device.fields()));
        } else {
            context.err().println(line);
        }
    }

    /** A verb of {@code device}: run as root with the command line's context. */
    abstract static class Verb implements Callable<Integer> {
        @ParentCommand
        private DeviceCommand device;

        @Override
        public final Integer call() {
            return PrivilegedCommand.asRoot(device.tool.context(), this::run);
        }

        abstract int run(CliContext context);
    }

    @Command(name = "add", description = {
        "Add a device: its dictionary checked with LAVA's own templates (a broken one is refused, nothing",
        "changes), installed, and the device added with health Unknown, so that its type's health check",
        "runs before its first job. --type qemu without --dict writes a dictionary for this machine (KVM only",
        "where it boots a guest here), installs qemu-system-x86, and makes the smoke job its health check."})
    static final class Add extends Verb {
        @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
        private String name;

        @Parameters(index = "1", paramLabel = "DEVICE", description = "The device's name (its hostname in LAVA).")
        private String deviceName;

        @Option(names = "--type", required = true, paramLabel = "TYPE", description = "Its device type (a template: qemu, ...).")
        private String type;

        @Option(names = "--dict", paramLabel = "FILE", description = "Its device dictionary (a Jinja2 file extending TYPE.jinja2).")
        private Path dictionary;

        @Option(names = "--worker", paramLabel = "WORKER", description = "The worker it hangs off (default: the local worker).")
        private String worker;

        @Override
        int run(CliContext context) {
            DeviceSettings settings = new DeviceSettings(InstanceName.of(name), deviceName, type,
                    dictionary == null ? null : dictionary.toAbsolutePath(), worker);
            Devices.add(context.engine(), settings).ifPresent(d -> show(context, d, "device " + d.name() + " (" + d.type()
                    + ") added to " + name + " on worker " + d.worker() + ", health " + d.health() + (d.health().equals("Unknown")
                    ? ": its health check, if its type has one, runs before its first job" : "")));
            return 0;
        }
    }

    @Command(name = "list", description = "List the devices of an instance: name, type, worker, state, health, current job.")
    static final class ListDevices extends Verb {
        @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
        private String name;

        @Override
        int run(CliContext context) {
            List<LabInventory.Device> devices = Devices.list(context.engine(), InstanceName.of(name));
            List<java.util.Map<String, Object>> rows = devices.stream().map(LabInventory.Device::fields).toList();
            if (context.options().json) {
                context.out().println(Json.write(rows));
            } else if (rows.isEmpty()) {
                context.err().println(name + " has no devices; add one with `lava-deployment-tool device add " + name
                        + " qemu-01 --type qemu`");
            } else {
                Table.print(context.out(), rows);
            }
            return 0;
        }
    }

    @Command(name = "remove", description = {
        "Remove a device: deleted with its dictionary when no job ran on it, else retired (LAVA would delete",
        "its jobs with it). A device running a job is refused. Asks first (--yes does not)."})
    static final class Remove extends Verb {
        @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
        private String name;

        @Parameters(index = "1", paramLabel = "DEVICE", description = "The device.")
        private String deviceName;

        @Override
        int run(CliContext context) {
            String result = Devices.remove(context.engine(), InstanceName.of(name), deviceName);
            if (!context.options().dryRun) {
                context.err().println("device " + deviceName + " of " + name + (result.equals("retired")
                        ? " retired: jobs ran on it, which keep it in their history" : " removed"));
            }
            return 0;
        }
    }

    @Command(name = "health", description = {
        "Set a device's health: good (takes jobs), unknown (runs its health check first), maintenance (takes",
        "none), bad, looping, retired. After a restore every device is in maintenance, as LAVA wants."})
    static final class Health extends Verb {
        @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
        private String name;

        @Parameters(index = "1", paramLabel = "DEVICE", description = "The device.")
        private String deviceName;

        @Parameters(index = "2", paramLabel = "HEALTH", description = "good, unknown, maintenance, bad, looping or retired.")
        private String health;

        @Override
        int run(CliContext context) {
            Devices.health(context.engine(), InstanceName.of(name), deviceName, health)
                    .ifPresent(d -> show(context, d, "device " + d.name() + " of " + name + " is " + d.health()));
            return 0;
        }
    }
}
