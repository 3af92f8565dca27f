package org.lavasoftware.deploy.engine.operations.devices;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The dictionary of a QEMU device on this machine, as {@code device add --type qemu} writes it:
 * LAVA's qemu template, without KVM where it does not work (software emulation, slower but
 * everywhere; see {@code KvmProbe}), 512 MB, and a MAC address of its own, so that two devices never share one.
 */
public final class QemuDictionary {
    private QemuDictionary() {
    }

    public static String render(String instance, String device, boolean kvm) {
        return "{# written by lava-deployment-tool for device " + device + " of instance " + instance
                + ": a QEMU machine of this host #}\n"
                + "{% extends 'qemu.jinja2' %}\n"
                + (kvm ? "" : "{% set no_kvm = True %}\n")
                + "{% set memory = 512 %}\n"
                + "{% set mac_addr = '" + mac(instance + "/" + device) + "' %}\n";
    }

    /** A locally administered address in QEMU's 52:54:00 range, the same for the same device. */
    static String mac(String seed) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return String.format("52:54:00:%02x:%02x:%02x", h[0], h[1], h[2]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
