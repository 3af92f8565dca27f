package org.lavasoftware.deploy.engine.operations.jobs;

/**
 * The job {@code check} submits, and the qemu device type's health check: the smoke images booted
 * on a QEMU device, a shell reached, two test cases run in it. Its text is a resource
 * ({@code smoke-job.yaml}) with the images' paths filled in.
 */
public final class SmokeJob {
    /** The first line of the health check the tool writes: what tells it from one an administrator wrote. */
    public static final String MARKER = "# lava-deployment-tool's smoke job";

    private SmokeJob() {
    }

    public static String definition(SmokeImages images, String jobName) {
        return SmokeImages.text("smoke-job.yaml")
                .replace("@JOB_NAME@", jobName)
                .replace("@KERNEL@", images.kernel().toString())
                .replace("@RAMDISK@", images.ramdisk().toString());
    }

    /** The health check of the qemu device type (HEALTH_CHECKS_PATH/qemu.yaml). */
    public static String healthCheck(SmokeImages images) {
        return definition(images, "qemu health check (lava-deployment-tool)");
    }

    /** Whether a health check file is the tool's own, which it may write again. */
    public static boolean isOwn(String text) {
        return text.startsWith(MARKER);
    }
}
