package org.lavasoftware.deploy.engine.operations.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.model.LavaRoot;

/**
 * The kernel and ramdisk of the smoke job, made once per root from Debian's packages and kept in
 * its cache: the kernel of {@code linux-image-amd64} (its vmlinuz; the modules are not kept), and a cpio of {@code busybox-static} whose /init gives a shell on the serial console.
 * Nothing is installed on the machine and nothing is fetched from anywhere but apt.
 */
public final class SmokeImages {
    private static final String KERNEL_PACKAGE = "linux-image-amd64";
    private static final String BUSYBOX_PACKAGE = "busybox-static";

    private final Path dir;

    public SmokeImages(LavaRoot root) {
        this.dir = root.cacheDir().resolve("smoke");
    }

    public Path kernel() {
        return dir.resolve("vmlinuz");
    }

    public Path ramdisk() {
        return dir.resolve("ramdisk.cpio.gz");
    }

    public boolean ready() {
        return Files.isRegularFile(kernel()) && Files.isRegularFile(ramdisk());
    }

    public String describe() {
        return "the vmlinuz of " + KERNEL_PACKAGE + " and a ramdisk of " + BUSYBOX_PACKAGE + " (apt-get download), in " + dir;
    }

    /** Makes them unless they are there; a half-made pair never has the final names. */
    public void prepare(Machine machine) {
        if (ready()) {
            return;
        }
        String arch = machine.runner().run(Command.of("dpkg", "--print-architecture").build()).stdout().strip();
        if (!arch.equals("amd64")) {
            throw ToolException.failed("the smoke job boots an amd64 kernel under qemu-system-x86_64; this machine is "
                    + arch + ": write a job for its own architecture and submit it instead");
        }
        Path partial = dir.resolveSibling("smoke.partial");
        Filesystem.deleteTree(partial);
        Filesystem.directory(partial, "rwxr-xr-x", "root", "root");
        try {
            machine.apt().download(java.util.List.of(KERNEL_PACKAGE), partial);
            String kernelPackage = realKernelPackage(machine, only(partial, KERNEL_PACKAGE));
            machine.apt().download(java.util.List.of(kernelPackage, BUSYBOX_PACKAGE), partial);
            extractKernel(machine, only(partial, kernelPackage + "_"), partial.resolve("vmlinuz"));
            Path busybox = partial.resolve("busybox");
            machine.apt().extract(only(partial, BUSYBOX_PACKAGE + "_"), busybox);
            writeRamdisk(busybox.resolve("bin/busybox"), partial.resolve("ramdisk.cpio.gz"));
            Filesystem.directory(dir, "rwxr-xr-x", "root", "root");
            Files.move(partial.resolve("vmlinuz"), kernel(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial.resolve("ramdisk.cpio.gz"), ramdisk(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the smoke job's images in " + dir + ": " + e.getMessage(), e);
        } finally {
            Filesystem.deleteTree(partial);
        }
    }

    /** linux-image-amd64 is a metapackage: the kernel is in the one it depends on (linux-image-6.1.0-N-amd64). */
    private static String realKernelPackage(Machine machine, Path metapackage) {
        for (String item : machine.apt().depends(metapackage).split(",")) {
            String name = item.strip().split("[ (]")[0];
            if (name.startsWith("linux-image-")) {
                return name;
            }
        }
        throw ToolException.failed(KERNEL_PACKAGE + " depends on no linux-image package; is apt's list of packages current?");
    }

    private static Path only(Path dir, String prefix) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".deb"))
                    .findFirst().orElseThrow(() -> ToolException.failed("apt-get download gave no " + prefix + "*.deb"));
        }
    }

    /** The package unpacked beside, its /boot/vmlinuz-* kept: the rest (the modules) goes with the partial directory. */
    private static void extractKernel(Machine machine, Path deb, Path target) throws IOException {
        Path unpacked = target.resolveSibling("kernel-package");
        machine.apt().extract(deb, unpacked);
        try (var boot = Files.list(unpacked.resolve("boot"))) {
            Path vmlinuz = boot.filter(f -> f.getFileName().toString().startsWith("vmlinuz-")).findFirst()
                    .orElseThrow(() -> ToolException.failed(deb.getFileName() + " holds no /boot/vmlinuz-*"));
            Files.move(vmlinuz, target);
        }
    }

    /** A newc cpio, gzip-compressed, as LAVA's ramdisk overlays read and write them. */
    static void writeRamdisk(Path busybox, Path target) throws IOException {
        try (OutputStream file = Files.newOutputStream(target);
             GZIPOutputStream gzip = new GZIPOutputStream(file);
             CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(gzip, CpioConstants.FORMAT_NEW)) {
            for (String d : new String[] {"bin", "dev", "etc", "proc", "root", "sbin", "sys", "tmp"}) {
                CpioArchiveEntry entry = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, d, 0);
                entry.setMode(CpioConstants.C_ISDIR | 0755);
                entry.setNumberOfLinks(2);
                cpio.putArchiveEntry(entry);
                cpio.closeArchiveEntry();
            }
            CpioArchiveEntry console = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, "dev/console", 0);
            console.setMode(CpioConstants.C_ISCHR | 0600);
            console.setRemoteDeviceMaj(5);
            console.setRemoteDeviceMin(1);
            console.setNumberOfLinks(1);
            cpio.putArchiveEntry(console);
            cpio.closeArchiveEntry();
            file(cpio, "init", resource("smoke-init.sh"));
            file(cpio, "bin/busybox", Files.readAllBytes(busybox));
        }
    }

    private static void file(CpioArchiveOutputStream cpio, String name, byte[] content) throws IOException {
        CpioArchiveEntry entry = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, name, content.length);
        entry.setMode(CpioConstants.C_ISREG | 0755);
        entry.setNumberOfLinks(1);
        cpio.putArchiveEntry(entry);
        cpio.write(content);
        cpio.closeArchiveEntry();
    }

    static byte[] resource(String name) {
        try (InputStream in = SmokeImages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the tool's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(resource(name), StandardCharsets.UTF_8);
    }
}
