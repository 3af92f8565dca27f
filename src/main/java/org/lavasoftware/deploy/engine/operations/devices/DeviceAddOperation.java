package org.lavasoftware.deploy.engine.operations.devices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.lava.LabInventory;
import org.lavasoftware.deploy.adapters.lava.LavaAdmin;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.PlanFacts;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.engine.operations.InstanceFiles;
import org.lavasoftware.deploy.engine.operations.InstanceInventory;
import org.lavasoftware.deploy.engine.operations.LocalWorker;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.SetupState;
import org.lavasoftware.deploy.engine.operations.jobs.KvmProbe;
import org.lavasoftware.deploy.engine.operations.jobs.SmokeImages;
import org.lavasoftware.deploy.engine.operations.jobs.SmokeJob;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * {@code device add NAME DEVICE --type TYPE [--dict FILE] [--worker W]}: the dictionary checked
 * with LAVA's own templates before anything changes, installed in the instance's devices, and the
 * device added on the worker with health Unknown, so that its health check (for qemu: the tool's
 * smoke job) proves it Good before it takes jobs. For qemu, what the machine needs is installed
 * and, without --dict, a dictionary that works here is written.
 */
public final class DeviceAddOperation implements Operation {
    public static final String KIND = "device-add";
    /** What a QEMU device of the local worker needs on this machine: the emulator, and cpio for LAVA's ramdisk overlays. */
    static final List<String> QEMU_PACKAGES = List.of("qemu-system-x86", "cpio");

    private final DeviceSettings settings;
    private boolean dictionaryChecked;

    public DeviceAddOperation(DeviceSettings settings) {
        this.settings = settings;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public InstanceName instance() {
        return settings.instance();
    }

    @Override
    public Map<String, String> parameters() {
        return settings.parameters();
    }

    @Override
    public void check(OperationContext context) {
        SetupState.require(context.root());
        InstanceLayout layout = context.root().existing(settings.instance());
        InstanceConfig config = InstanceConfigStore.load(layout).config();
        String worker = worker(layout, config);
        LabInventory inventory = InstanceInventory.read(layout, config);
        inventory.devices().stream().filter(d -> d.name().equals(settings.device())).findFirst().ifPresent(d -> {
            throw ToolException.badInput("device " + d.name() + " exists already in " + settings.instance() + " (" + d.type()
                    + ", " + d.health() + "); choose another name, or `device remove` it first");
        });
        Path file = Devices.dictionaryFile(layout, settings.device());
        if (Files.exists(file)) {
            throw ToolException.badInput(file + " exists, but no device " + settings.device() + " (left by a device removed by"
                    + " hand?); move it away, or choose another name");
        }
        if (inventory.workers().stream().noneMatch(w -> w.name().equals(worker))) {
            throw ToolException.badInput("instance " + settings.instance() + " has no worker " + worker
                    + "; `lava-deployment-tool worker list " + settings.instance() + "` shows its workers");
        }
        String dictionary = dictionary(layout);
        if (!dictionaryChecked) {
            Machine machine = Machine.of(context);
            admin(layout, config, machine).checkDictionary(settings.device(), settings.type(), dictionary);
            dictionaryChecked = true;
        }
    }

    @Override
    public Plan plan(OperationContext context) {
        InstanceLayout layout = context.layout();
        InstanceConfig config = InstanceConfigStore.load(layout).config();
        Machine machine = Machine.of(context);
        String worker = worker(layout, config);
        String dictionary = shownDictionary(layout, context.facts().isReplaying());
        Path file = Devices.dictionaryFile(layout, settings.device());
        boolean qemu = settings.type().equals("qemu");
        // check() refused both, but a recovery does not run it: its undos remove only what this add made
        boolean hadDictionary = context.facts().flag("dictionary-existed", () -> Files.exists(file));
        boolean hadDevice = context.facts().flag("device-existed",
                () -> Devices.find(layout.root(), settings.instance(), settings.device()).isPresent());
        Plan.Builder plan = new Plan.Builder("adding device " + settings.device() + " (" + settings.type() + ") to "
                + settings.instance());
        SmokeImages images = new SmokeImages(layout.root());
        KvmProbe kvm = new KvmProbe(images);
        if (qemu) {
            plan.add(Step.named("install what QEMU devices need")
                    .shows("apt-get install " + String.join(" ", QEMU_PACKAGES) + " (those missing)")
                    .does(() -> machine.apt().install(machine.apt().missing(QEMU_PACKAGES)))
                    .build());
            plan.add(Step.named("prepare the smoke job's images, and find whether KVM works here")
                    .shows(images.describe() + ", made once")
                    .shows("where /dev/kvm exists: the smoke kernel booted with -enable-kvm, once (a nested virtual machine may"
                            + " have /dev/kvm and hang every guest); without KVM the device emulates (no_kvm)")
                    .does(() -> {
                        images.prepare(machine);
                        kvm.works(machine);
                    })
                    .build());
        }
        plan.add(Step.named("install the dictionary of " + settings.device())
                .shows(file + " (checked with LAVA's templates already):")
                .shows(dictionary.strip())
                .does(() -> Filesystem.file(file, settings.dictionary() == null ? qemuDictionary(kvm) : dictionary, "rw-r--r--",
                        config.systemUser(), userGroup(layout, config, machine)))
                .undoes("remove the dictionary of " + settings.device(), () -> {
                    if (!hadDictionary) {
                        Files.deleteIfExists(file);
                    }
                })
                .build());
        if (qemu) {
            addHealthCheck(plan, layout, config, machine, context.facts());
        }
        plan.add(Step.named("add " + settings.device() + " on worker " + worker)
                .shows("in LAVA's database: device " + settings.device() + ", type " + settings.type() + " (created if new), worker "
                        + worker + ", health Unknown: its type's health check runs before its first job")
                .does(() -> admin(layout, config, machine).addDevice(settings.device(), settings.type(), worker, "UNKNOWN"))
                .undoes("remove " + settings.device() + " again", () -> {
                    if (!hadDevice && Devices.find(layout.root(), settings.instance(), settings.device()).isPresent()) {
                        admin(layout, config, machine).removeDevice(settings.device());
                    }
                })
                // once LAVA has the device its health check may start at once: a recovery keeps it rather
                // than retire a device that has run a job
                .pointOfNoReturn()
                .build());
        return plan.build();
    }

    /** The tool's smoke job as the qemu health check, unless an administrator wrote one of their own. */
    private void addHealthCheck(Plan.Builder plan, InstanceLayout layout, InstanceConfig config, Machine machine,
                                PlanFacts facts) {
        SmokeImages images = new SmokeImages(layout.root());
        Path check = Devices.healthCheckFile(layout, "qemu");
        plan.add(Step.named("write the qemu health check: the smoke job")
                .shows(check + ", unless one not written by this tool is there")
                .does(() -> {
                    if (Files.exists(check) && !SmokeJob.isOwn(Files.readString(check))) {
                        return;
                    }
                    images.prepare(machine);
                    facts.record("wrote-health-check", Boolean.toString(!Files.exists(check)));
                    Filesystem.file(check, SmokeJob.healthCheck(images), "rw-r--r--", config.systemUser(),
                            userGroup(layout, config, machine));
                })
                .undoes("remove the qemu health check", () -> {
                    if (facts.flag("wrote-health-check", () -> false)) {
                        Files.deleteIfExists(check);
                    }
                })
                .build());
    }

    private String worker(InstanceLayout layout, InstanceConfig config) {
        if (settings.worker() != null) {
            return settings.worker();
        }
        LocalWorker local = new LocalWorker(layout, config);
        if (!local.enabled()) {
            throw ToolException.badInput("instance " + settings.instance() + " has no local worker (LAVA_WORKER_ENABLED='no'):"
                    + " name the worker the device hangs off with --worker");
        }
        return local.name();
    }

    /** The dictionary the tool writes for a QEMU device: with KVM only where the probe booted with it. */
    private String qemuDictionary(KvmProbe kvm) {
        return QemuDictionary.render(settings.instance().value(), settings.device(), Boolean.TRUE.equals(kvm.known()));
    }

    /**
     * The dictionary as the plan shows and writes it. A recovery never writes it again (it undoes the
     * steps, or has nothing left to do), so a --dict file moved away since does not stop it.
     */
    private String shownDictionary(InstanceLayout layout, boolean replaying) {
        try {
            return dictionary(layout);
        } catch (ToolException e) {
            if (!replaying) {
                throw e;
            }
            return "(" + e.getMessage() + ")";
        }
    }

    private String dictionary(InstanceLayout layout) {
        if (settings.dictionary() == null) {
            return qemuDictionary(new KvmProbe(new SmokeImages(layout.root())));
        }
        try {
            return Files.readString(settings.dictionary());
        } catch (IOException e) {
            throw ToolException.badInput("cannot read the dictionary " + settings.dictionary() + ": " + e.getMessage());
        }
    }

    private static LavaAdmin admin(InstanceLayout layout, InstanceConfig config, Machine machine) {
        return new InstanceFiles(layout, config, machine).admin();
    }

    private static String userGroup(InstanceLayout layout, InstanceConfig config, Machine machine) {
        return new InstanceFiles(layout, config, machine).userGroup();
    }

    public static final class Factory implements OperationFactory {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new DeviceAddOperation(DeviceSettings.fromParameters(parameters));
        }
    }
}
