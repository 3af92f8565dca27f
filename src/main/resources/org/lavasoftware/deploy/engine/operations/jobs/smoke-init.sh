#!/bin/busybox sh
# /init of lava-deployment-tool's smoke ramdisk: busybox's applets, the kernel's file systems,
# and a shell on the serial console, where LAVA waits for its prompt.
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
/bin/busybox mount -t devtmpfs devtmpfs /dev
/bin/busybox --install -s /bin
export PATH=/bin:/sbin HOME=/root PS1='/ # '
cd /
echo "lava-deployment-tool smoke ramdisk: a shell on the console"
if grep -q ldt_probe /proc/cmdline; then
    # the tool only asks whether the kernel boots here (with KVM): it has, so off
    poweroff -f
fi
exec /bin/setsid /bin/cttyhack /bin/sh
