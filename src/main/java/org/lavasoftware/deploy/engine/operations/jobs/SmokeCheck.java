package org.lavasoftware.deploy.engine.operations.jobs;

import java.time.Duration;
import java.util.List;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.adapters.lava.LabInventory;
import org.lavasoftware.deploy.engine.Engine;
import org.lavasoftware.deploy.engine.OperationLog;
import org.lavasoftware.deploy.engine.Reporter;
import org.lavasoftware.deploy.engine.operations.InstanceHealth;
import org.lavasoftware.deploy.engine.operations.InstanceInventory;
import org.lavasoftware.deploy.engine.operations.LocalWorker;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.SetupState;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * {@code check NAME}: the smoke job, submitted through the instance's API to a QEMU device of its
 * local worker, followed to its end, reported with its health, test cases and duration. What an
 * upgrade runs on its new revision, too, when the instance has such a device.
 */
public final class SmokeCheck {
    public static final Duration LIMIT = Duration.ofMinutes(15);

    private final InstanceLayout layout;
    private final InstanceConfig config;
    private final Machine machine;
    private final Reporter reporter;

    public SmokeCheck(InstanceLayout layout, InstanceConfig config, Machine machine, Reporter reporter) {
        this.layout = layout;
        this.config = config;
        this.machine = machine;
        this.reporter = reporter;
    }

    /** Runs the check; null in a dry run, which only says what it would do. */
    public static JobReport run(Engine engine, InstanceName name, Duration limit) {
        SetupState.require(engine.root());
        InstanceLayout layout = engine.existing(name);
        engine.refuseIfInterrupted(name);
        InstanceConfig config = InstanceConfigStore.load(layout).config();
        try (OperationLog log = engine.isDryRun() ? OperationLog.discard() : engine.openLog(name)) {
            SmokeCheck check = new SmokeCheck(layout, config, Machine.of(engine.root(), new ProcessRunner(engine.privilege(), log)),
                    engine.reporter());
            List<LabInventory.Device> devices = check.requireDevice();
            if (engine.isDryRun()) {
                engine.reporter().info("would submit the smoke job (" + check.images().describe() + ") to " + name
                        + " through " + InstanceHealth.url(config) + "api/v0.2/jobs/ for its QEMU device"
                        + (devices.size() == 1 ? " " : "s ") + String.join(", ", devices.stream().map(LabInventory.Device::name).toList())
                        + ", and wait for it (at most " + limit.toMinutes() + " minutes)");
                return null;
            }
            log.line("== check " + name);
            return check.run(limit);
        }
    }

    public SmokeImages images() {
        return new SmokeImages(layout.root());
    }

    /** The QEMU devices of the local worker that take jobs; a clear refusal when there are none. */
    public List<LabInventory.Device> requireDevice() {
        LocalWorker worker = new LocalWorker(layout, config);
        if (!worker.enabled()) {
            throw ToolException.badInput("instance " + layout.name() + " has no local worker (LAVA_WORKER_ENABLED='"
                    + config.get(org.lavasoftware.deploy.model.ConfigKey.LAVA_WORKER_ENABLED) + "'): nothing here runs its jobs");
        }
        List<LabInventory.Device> qemu = qemuDevices(InstanceInventory.read(layout, config), worker.name());
        if (qemu.isEmpty()) {
            throw ToolException.badInput("instance " + layout.name() + " has no QEMU device on its worker " + worker.name()
                    + ": add one with `lava-deployment-tool device add " + layout.name() + " qemu-01 --type qemu`");
        }
        List<LabInventory.Device> ready = qemu.stream().filter(LabInventory.Device::takesJobs).toList();
        if (ready.isEmpty()) {
            LabInventory.Device first = qemu.get(0);
            throw ToolException.unexpectedState("no QEMU device of " + layout.name() + " takes jobs (" + String.join(", ",
                    qemu.stream().map(d -> d.name() + " is " + d.health()).toList()) + "): when it is ready, `lava-deployment-tool "
                    + "device health " + layout.name() + " " + first.name() + " good`");
        }
        return ready;
    }

    /** The local worker's QEMU devices, retired ones left out. */
    public static List<LabInventory.Device> qemuDevices(LabInventory inventory, String worker) {
        return inventory.devicesOf(worker).stream()
                .filter(d -> d.type().equals("qemu") && !d.health().equals("Retired")).toList();
    }

    /** Submits the smoke job and follows it; the report says whether it passed. */
    public JobReport run(Duration limit) {
        SmokeImages images = images();
        if (!images.ready()) {
            reporter.info("preparing the smoke job's images once: " + images.describe());
            images.prepare(machine);
        }
        JobWatch watch = new JobWatch(new ApiAccess(layout, config, machine), InstanceHealth.url(config), reporter::info);
        int id = watch.submit(SmokeJob.definition(images, "smoke test (lava-deployment-tool check)"));
        reporter.info("submitted the smoke job as job " + id + ": " + watch.url(id));
        return watch.await(id, limit);
    }
}
