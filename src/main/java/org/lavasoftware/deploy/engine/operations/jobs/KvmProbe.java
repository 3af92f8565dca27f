package org.lavasoftware.deploy.engine.operations.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ExecResult;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.engine.operations.Machine;

/**
 * Whether QEMU devices of this machine may use KVM: /dev/kvm is there, and the smoke kernel really
 * boots with it (in a nested virtual machine /dev/kvm can exist and hang every guest). Probed once,
 * by booting the smoke images with KVM until the ramdisk's /init powers off; the answer is kept
 * beside the images.
 */
public final class KvmProbe {
    private static final Path DEVICE = Path.of("/dev/kvm");
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String BOOTED = "lava-deployment-tool smoke ramdisk";

    private final SmokeImages images;

    public KvmProbe(SmokeImages images) {
        this.images = images;
    }

    private Path answer() {
        return images.kernel().resolveSibling("kvm");
    }

    /** The answer known without booting anything: false without /dev/kvm, the kept answer, else null. */
    public Boolean known() {
        if (!Files.exists(DEVICE)) {
            return false;
        }
        try {
            return Files.isRegularFile(answer()) ? Boolean.valueOf(Files.readString(answer()).strip().equals("yes")) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + answer() + ": " + e.getMessage(), e);
        }
    }

    /** Boots the smoke images with KVM, once per root; the images must be prepared. */
    public boolean works(Machine machine) {
        Boolean known = known();
        if (known != null) {
            return known;
        }
        boolean booted;
        try {
            ExecResult r = machine.runner().runAllowingFailure(Command.of("qemu-system-x86_64", "-enable-kvm", "-cpu", "host",
                    "-nographic", "-m", "256", "-no-reboot", "-monitor", "none", "-kernel", images.kernel().toString(),
                    "-initrd", images.ramdisk().toString(), "-append", "console=ttyS0,115200 panic=-1 ldt_probe")
                    .timeout(LIMIT).build());
            booted = r.succeeded() && r.stdout().contains(BOOTED);
        } catch (ToolException timedOut) {
            booted = false; // KVM is there but the guest never came up: emulate instead
        }
        Filesystem.file(answer(), (booted ? "yes" : "no") + "\n", "rw-r--r--", "root", "root");
        return booted;
    }
}
