"""Text that looks like a LAVA job's output: output.yaml log lines, and the small YAML files LAVA
keeps beside them (device.yaml, description.yaml, dispatcher.yaml, env.yaml).

Everything is drawn from a random.Random the caller seeds, so the same seed gives the same bytes.
The log is built to compress like real logs (gzip about 4-6x): each line has LAVA's fixed framing
(`- {"dt": "...", "lvl": "...", "msg": "..."}`), the messages come from many templates (kernel
boot lines, LTP/kselftest output, shell traces, download progress, results) filled with random
numbers, hex, device names and words drawn with a Zipf law from a vocabulary of a few thousand
words, and never from repeated blocks. Only ASCII is produced, so characters are bytes.
"""

import array
import time

# --- vocabulary ---------------------------------------------------------------------------------

_WORDS = """
the of and to in is for on with that by this from at as be are was not it or an
device driver kernel module firmware memory cpu clock power reset boot loader image ramdisk
rootfs network interface link address buffer queue thread process signal timer interrupt irq
dma bus usb pci mmc sdhci ethernet phy regulator gpio pinctrl i2c spi uart serial console
mount filesystem ext4 overlay tmpfs proc sysfs cgroup namespace scheduler task test case
result pass fail skip unknown timeout retry download upload deploy action pipeline stage
level connection prompt login shell command output error warning info debug notice
registered initialized probe probing failed succeeded enabled disabled found missing loaded
unloaded started stopped running waiting ready done complete incomplete canceled
version build config commit branch tree mainline next stable release candidate patch
syscall read write open close mmap munmap fork clone exec exit wait kill pipe socket bind
listen accept connect send recv select poll epoll futex sleep nanosleep alarm getpid
hugepage page cache slab vmalloc kmalloc swap oom zone node numa core thermal cooling
frequency governor voltage battery charger display panel hdmi audio codec video camera
""".split()

_SYLLABLES = ("ba be bi bo bu da de di do du fa fe fi ka ke ki ko ku la le li lo lu ma me mi "
              "mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu "
              "va ve vi vo za ze zi zo str ex ion ant er in al en or ic ul ph th ch sh").split()


def vocabulary(rng, size=4000):
    """The word list: real words first (the frequent end of the Zipf law), then made-up ones."""
    words = list(dict.fromkeys(_WORDS))
    seen = set(words)
    while len(words) < size:
        w = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    # cumulative Zipf weights (s = 1.05) for random.choices(cum_weights=...)
    cum, total = [], 0.0
    for i in range(len(words)):
        total += 1.0 / (i + 1) ** 1.05
        cum.append(total)
    return words, cum


# --- fixed pools ----------------------------------------------------------------------------------

KERNEL_TEMPLATES = [
    "usb {a}-{b}: new high-speed USB device number {n} using {drv}",
    "usb {a}-{b}: New USB device found, idVendor={h4}, idProduct={h4b}, bcdDevice= {a}.{b:02d}",
    "{drv} {hex8}.{word}: {word} {word} registered as /dev/{word}{a}",
    "mmc{a}: new high speed SDHC card at address {h4}",
    "mmcblk{a}: mmc{a}:{h4} {WORD} {n}.{b} GiB",
    "EXT4-fs (mmcblk{a}p{b}): mounted filesystem with ordered data mode. Opts: (null)",
    "CPU{a}: Booted secondary processor 0x{hex10} [0x{hex8}]",
    "Memory: {n}K/{m}K available ({a}K kernel code, {b}K rwdata, {c}K rodata, {d}K init, {e}K bss)",
    "{drv}: {word} {word} {word} at 0x{hex8} (irq {n})",
    "random: {word} init done",
    "Freeing unused kernel memory: {n}K",
    "Run /init as init process",
    "NET: Registered protocol family {a}",
    "{drv} {hex8}.ethernet eth{a}: Link is Up - {speed}/Full - flow control {onoff}",
    "IPv6: ADDRCONF(NETDEV_CHANGE): eth{a}: link becomes ready",
    "Sending DHCP requests ., OK",
    "IP-Config: Got DHCP answer from {ip}, my address is {ip}",
    "{drv}: probe of {hex8}.{word} failed with error -{errno}",
    "clk: Disabling unused clocks",
    "PM: genpd: Disabling unused power domains",
    "hrtimer: interrupt took {n} ns",
    "sched: RT throttling activated",
    "audit: type={n} audit({ts}:{a}): {word}={word} pid={n} comm=\\\"{word}\\\"",
    "systemd[1]: Started {Word} {Word} Service.",
    "systemd[1]: Reached target {Word} {Word}.",
    "systemd[{n}]: {word}.service: Succeeded.",
    "{word}: loading out-of-tree module taints kernel.",
    "Unable to handle kernel paging request at virtual address {hex16}",
    "pc : {word}+0x{h3}/0x{h3b} [{word}]",
    "lr : {word}+0x{h3}/0x{h3b}",
    "x{a:<2}: {hex16} x{b:<2}: {hex16} x{c:<2}: {hex16}",
    "Call trace:",
    " {word}_{word}+0x{h3}/0x{h3b}",
    "thermal thermal_zone{a}: {word} {word} temperature {n} mC",
    "cpufreq: cpufreq_online: CPU{a}: Running at unlisted initial frequency: {m} KHz, changing to: {n} KHz",
    "OF: fdt: Machine model: {Word} {WORD}-{a}{b} board",
    "Kernel command line: console=tty{tty},115200n8 root=/dev/ram0 ip=dhcp {word}={n}",
]

LTP_INFO = [
    "tst_test.c:{n}: TINFO: Timeout per run is 0h {a:02d}m {b:02d}s",
    "tst_test.c:{n}: TINFO: LTP version: 2022{a:02d}{b:02d}",
    "tst_buffers.c:{n}: TINFO: Test is using guarded buffers",
    "{word}{a:02d}.c:{n}: TPASS: {word}() {word} {word} passed",
    "{word}{a:02d}.c:{n}: TFAIL: {word}() returned {errno} ({WORD}): expected {WORD}",
    "{word}{a:02d}.c:{n}: TCONF: {word} not supported on this {word}",
    "{word}{a:02d}    {b}  TPASS  :  {word} {word} {word} {word}",
    "{word}{a:02d}    {b}  TINFO  :  {word} {word} = {n}",
    "Summary:\\npassed   {a}\\nfailed   {b}\\nbroken   0\\nskipped  {c}\\nwarnings 0",
    "<<<test_start>>>\\ntag={word}{a:02d} stime={ts}\\ncmdline=\\\"{word}{a:02d} -i {b}\\\"",
    "# ok {n} selftests: {word}: {word}_{word}.sh",
    "# not ok {n} selftests: {word}: {word}_{word} # exit={errno}",
    "# TAP version 13\\n# 1..{n}",
    "kselftest: Running tests in {word}",
]

SHELL_TEMPLATES = [
    "+ lava-test-case {word}-{word} --result {res}",
    "+ cd /lava-{job}/{a}/tests/{b}_{word}",
    "+ ./{word}.sh -s {WORD} -t {n}",
    "+ export {WORD}_{WORD}={word}",
    "<LAVA_SIGNAL_STARTRUN {a}_{word} {job}_{a}.{b}.{c}>",
    "<LAVA_SIGNAL_TESTCASE TEST_CASE_ID={word}{a:02d} RESULT={res}>",
    "<LAVA_SIGNAL_ENDRUN {a}_{word} {job}_{a}.{b}.{c}>",
    "Received signal: <TESTCASE> TEST_CASE_ID={word}{a:02d} RESULT={res}",
    "{word}@{word}:~# {word} {word} -{c} /dev/{word}{a}",
    "{n} bytes ({m} kB, {c} KiB) copied, {a}.{b:03d} s, {c}.{d} MB/s",
    "PING {ip} ({ip}) 56(84) bytes of data.\\n64 bytes from {ip}: icmp_seq={a} ttl=64 time={b}.{c} ms",
    "  {WORD}  {n:>9}  {m:>9}  {a:>5}%  /{word}/{word}",
]

DRIVERS = ("dwc3 xhci-hcd ehci-platform ohci-platform sdhci-of-arasan sdhci-esdhc-imx mmci-pl18x "
           "stmmaceth fec macb smsc95xx r8169 e1000e dw_mmc-rockchip meson-gx-mmc tegra-xusb "
           "sun6i-spi imx-i2c rk3x-i2c pl011 8250_omap omap_hsmmc cpsw-switch mtk-xhci "
           "nvme ahci_platform arm-smmu mali panfrost lima msm_hsusb qcom-spmi-pmic").split()

RESULTS = ("pass",) * 17 + ("fail", "skip", "skip", "unknown")


_SLOTS = {
    "a": lambda r, w: int(r() * 8), "b": lambda r, w: int(r() * 64), "c": lambda r, w: int(r() * 32),
    "d": lambda r, w: int(r() * 999), "e": lambda r, w: int(r() * 512),
    "n": lambda r, w: int(r() * 99999), "m": lambda r, w: int(r() * 4194304),
    "h3": lambda r, w: "%x" % int(r() * 4095), "h3b": lambda r, w: "%x" % (4096 + int(r() * 4095)),
    "h4": lambda r, w: "%04x" % int(r() * 65535), "h4b": lambda r, w: "%04x" % int(r() * 65535),
    "hex8": lambda r, w: "%08x" % int(r() * 0xffffffff), "hex10": lambda r, w: "%010x" % int(r() * 0xffffffff),
    "hex16": lambda r, w: "ffff%012x" % int(r() * 0xffffffffffff),
    "ts": lambda r, w: "%d.%03d" % (1672531200 + int(r() * 63072000), int(r() * 1000)),
    "ip": lambda r, w: "10.%d.%d.%d" % (int(r() * 255), int(r() * 255), 1 + int(r() * 253)),
    "errno": lambda r, w: 1 + int(r() * 120), "speed": lambda r, w: ("100Mbps", "1Gbps", "10Mbps")[int(r() * 3)],
    "onoff": lambda r, w: ("off", "rx/tx")[int(r() * 2)],
    "tty": lambda r, w: ("S0", "AMA0", "S2", "mxc0", "AML0")[int(r() * 5)],
    "drv": lambda r, w: DRIVERS[int(r() * len(DRIVERS))], "res": lambda r, w: RESULTS[int(r() * len(RESULTS))],
    "job": lambda r, w: int(r() * 900000), "word": lambda r, w: w[0], "Word": lambda r, w: w[1].capitalize(),
    "WORD": lambda r, w: w[2].upper(), "word2": lambda r, w: w[3], "word3": lambda r, w: w[4],
    "word4": lambda r, w: w[5],
}


def _compile(templates):
    """(template, [slot names it uses]) pairs, so that only the slots used are drawn."""
    import re
    import string
    out = []
    for t in templates:
        # the 2nd, 3rd, 4th {word} of a template get words of their own
        count = iter(range(5))
        t = re.sub(r"\{word\}", lambda m: "{word%s}" % ("", "2", "3", "4", "4")[next(count)], t)
        out.append((t, sorted({f.split(":")[0] for _, f, _, _ in string.Formatter().parse(t) if f})))
    return out


def _fill(rng, words, cum, compiled):
    """One template filled: numbers, hex, a word or two (each slot drawn afresh)."""
    template, slots = compiled
    r = rng.random
    w = rng.choices(words, cum_weights=cum, k=6)
    return template.format(**{s: _SLOTS[s](r, w) for s in slots})


_KERNEL, _LTP, _SHELL = (_compile(t) for t in (KERNEL_TEMPLATES, LTP_INFO, SHELL_TEMPLATES))


class LogWriter:
    """Writes output.yaml and its output.idx (LAVA's index: one native 8-byte offset per line)."""

    def __init__(self, rng, vocab, start_epoch, duration, job_id, definitions, action_names):
        self.rng = rng
        self.words, self.cum = vocab
        self.t = float(start_epoch)
        self.duration = max(60.0, duration)
        self.job_id = job_id
        self.definitions = definitions
        self.action_names = action_names
        self._sec = None
        self._prefix = ""

    def _dt(self):
        sec = int(self.t)
        if sec != self._sec:
            self._sec = sec
            self._prefix = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec))
        return "%s.%06d" % (self._prefix, int((self.t - sec) * 1e6))

    def _line(self, lvl, msg):
        return '- {"dt": "%s", "lvl": "%s", "msg": "%s"}\n' % (self._dt(), lvl, msg)

    def _result(self, case, definition, result, extra=""):
        return ('- {"dt": "%s", "lvl": "results", "msg": {"case": "%s", "definition": "%s", '
                '"result": "%s"%s}}\n' % (self._dt(), case, definition, result, extra))

    def _sentence(self, lo=3, hi=16):
        return " ".join(self.rng.choices(self.words, cum_weights=self.cum, k=self.rng.randint(lo, hi)))

    def _header(self, out):
        rng = self.rng
        out.append(self._line("info", "lava-dispatcher, installed at version: 2023.01"))
        out.append(self._line("info", "start: 0 validate"))
        out.append(self._line("info", "Start time: %s+00:00 (UTC)" % self._dt().replace("T", " ")))
        for _ in range(rng.randint(3, 8)):
            self.t += rng.random() * 0.3
            out.append(self._line("debug", "Validating that https://storage.example.org/%s/%08x/%s exists"
                                  % (self._sentence(1, 1), rng.getrandbits(32), self._sentence(1, 1))))
        out.append(self._line("info", "validate duration: %.2f" % (rng.random() * 3)))
        out.append(self._result("validate", "lava", "pass"))
        level = 1
        for action in self.action_names:
            self.t += rng.random() * 2
            out.append(self._line("info", "start: %d %s (timeout 00:%02d:00) [common]"
                                  % (level, action, rng.randint(1, 30))))
            for sub in range(1, rng.randint(2, 5)):
                out.append(self._line("info", "start: %d.%d %s (timeout 00:%02d:00) [common]"
                                      % (level, sub, self._sentence(1, 1), rng.randint(1, 30))))
                if rng.random() < 0.5:
                    size = rng.randint(1, 400)
                    out.append(self._line("debug", "downloading https://storage.example.org/builds/%032x/%s"
                                          % (rng.getrandbits(128), self._sentence(1, 1))))
                    for p in range(0, 101, 5):
                        out.append(self._line("debug", "progress %3d %% (%d MB)" % (p, size * p // 100)))
                        self.t += rng.random() * 0.2
                    out.append(self._line("info", "%d MB downloaded in %.2f s (%.2f MB/s)"
                                          % (size, rng.random() * 20, rng.random() * 90)))
                out.append(self._line("info", "end: %d.%d %s (duration 00:00:%02d) [common]"
                                      % (level, sub, self._sentence(1, 1), rng.randint(0, 59))))
            out.append(self._result(action, "lava", "pass",
                                    ', "duration": "%.2f", "level": "%d", "namespace": "common"'
                                    % (rng.random() * 200, level)))
            level += 1

    def write(self, directory, size):
        """Write about `size` bytes of log; returns (bytes of output.yaml, bytes of output.idx)."""
        rng = self.rng
        words, cum = self.words, self.cum
        est_lines = max(50, size // 105)
        step = self.duration / est_lines
        offsets = array.array("Q")
        pos = 0
        total = 0
        kernel, ltp, shell = _KERNEL, _LTP, _SHELL
        # per-job flavour: how much of the body is kernel/test/shell/prose
        mix = [rng.random() * 3 + 1, rng.random() * 3 + 1, rng.random() * 2 + 0.5, rng.random() * 1.5 + 0.3, 0.15]
        kinds = rng.choices(range(5), weights=mix, k=4096)
        boot_t = 0.0
        defs = self.definitions or ["0_smoke-tests"]
        with open(directory + "/output.yaml", "w", encoding="ascii") as f:
            out = []
            self._header(out)
            k = 0
            while True:
                for line in out:
                    offsets.append(pos)
                    pos += len(line)
                f.write("".join(out))
                total = pos
                if total >= size:
                    break
                out = []
                for _ in range(256):
                    self.t += step * rng.random() * 2
                    kind = kinds[k & 4095]
                    k += 1
                    if kind == 0:
                        boot_t += rng.random() * 0.05
                        msg = "[%5d.%06d] %s" % (int(boot_t), int((boot_t % 1) * 1e6),
                                                 _fill(rng, words, cum, kernel[int(rng.random() * len(kernel))]))
                        out.append(self._line("target", msg))
                    elif kind == 1:
                        out.append(self._line("target", _fill(rng, words, cum, ltp[int(rng.random() * len(ltp))])))
                    elif kind == 2:
                        lvl = "target" if rng.random() < 0.8 else "debug"
                        out.append(self._line(lvl, _fill(rng, words, cum, shell[int(rng.random() * len(shell))])))
                        if rng.random() < 0.1:
                            out.append(self._result("%s-%s" % (words[int(rng.random() * 400)], words[int(rng.random() * 400)]),
                                                    defs[int(rng.random() * len(defs))],
                                                    RESULTS[int(rng.random() * len(RESULTS))],
                                                    ', "starttc": %d, "endtc": %d' % (len(offsets), len(offsets) + 7)))
                    elif kind == 3:
                        out.append(self._line("target" if rng.random() < 0.7 else "feedback", self._sentence()))
                    else:
                        out.append(self._line("target", "%08x: %s" % (
                            rng.getrandbits(32), " ".join("%08x" % rng.getrandbits(32) for _ in range(4)))))
            tail = [self._line("info", "end: %d %s (duration 00:%02d:%02d) [common]"
                               % (len(self.action_names), "finalize", rng.randint(0, 59), rng.randint(0, 59))),
                    self._line("info", "Job finished correctly")]
            for line in tail:
                offsets.append(pos)
                pos += len(line)
            f.write("".join(tail))
        with open(directory + "/output.idx", "wb") as f:
            offsets.tofile(f)
        return pos, len(offsets) * 8


# --- the small files --------------------------------------------------------------------------------

def device_yaml(rng, hostname, device_type, worker):
    """The device configuration LAVA renders from the device dictionary (device.yaml)."""
    port = 7000 + rng.randint(0, 99)
    pdu = rng.randint(1, 24)
    lines = [
        "commands:",
        "  connections:",
        "    uart0:",
        "      connect: telnet %s %d" % (worker, port),
        "      tags:",
        "      - primary",
        "      - telnet",
        "  hard_reset: /usr/local/bin/pduclient --daemon pdu%02d --hostname pdu%02d --command reboot --port %02d"
        % (pdu // 8, pdu // 8, pdu),
        "  power_off: /usr/local/bin/pduclient --daemon pdu%02d --hostname pdu%02d --command off --port %02d"
        % (pdu // 8, pdu // 8, pdu),
        "  power_on: /usr/local/bin/pduclient --daemon pdu%02d --hostname pdu%02d --command on --port %02d"
        % (pdu // 8, pdu // 8, pdu),
        "constants:",
        "  kernel-start-message: Linux version [0-9]",
        "  shutdown-message: 'The system is going down for reboot NOW'",
        "  default-shell-prompt: 'lava-test: # '",
        "  posix:",
        "    lava_test_results_dir: /lava-%s",
        "    lava_test_sh_cmd: /bin/sh",
        "    line_separator: \\n",
        "device_info: [{board_id: '%016x'}]" % rng.getrandbits(64),
        "device_type: %s" % device_type,
        "hostname: %s" % hostname,
        "parameters:",
        "  bootm: {dtb: '0x%08x', kernel: '0x%08x', ramdisk: '0x%08x'}"
        % (rng.getrandbits(28) << 4, rng.getrandbits(28) << 4, rng.getrandbits(28) << 4),
        "  interfaces:",
        "    eth0: {mac: '%s', sysfs: /sys/devices/platform/ocp/%08x.ethernet/net/eth0}"
        % (":".join("%02x" % rng.getrandbits(8) for _ in range(6)), rng.getrandbits(32)),
        "actions:",
        "  boot:",
        "    connections: {serial: null}",
        "    methods:",
        "      u-boot:",
        "        parameters:",
        "          bootloader_prompt: =>",
        "          interrupt_prompt: Hit any key to stop autoboot",
        "          interrupt_char: ' '",
        "          needs_interrupt: true",
        "        ramdisk:",
        "          commands:",
    ]
    for cmd in ("setenv autoload no", "setenv initrd_high 0xffffffff", "setenv fdt_high 0xffffffff",
                "dhcp", "setenv serverip {SERVER_IP}", "tftp {KERNEL_ADDR} {KERNEL}",
                "tftp {RAMDISK_ADDR} {RAMDISK}", "setenv initrd_size ${filesize}",
                "tftp {DTB_ADDR} {DTB}",
                "setenv bootargs 'console=ttyS0,115200n8 root=/dev/ram0 ip=dhcp'",
                "{BOOTX}"):
            lines.append("          - %s" % cmd)
    lines += ["  deploy:", "    connections: {lxc: null, serial: null}", "    methods:",
              "      tftp: null", "      nfs: null", "      usb: null", "      ssh:",
              "        host: ''", "        identity_file: dynamic_vm_keys/lava", "        options:",
              "        - -o", "        - Compression=yes", "        - -o", "        - UserKnownHostsFile=/dev/null",
              "        port: 22", "        user: root", "timeouts:", "  actions:"]
    for name in ("apply-overlay-image", "dd-image", "download-retry", "http-download", "lava-test-shell",
                 "nfs-deploy", "power-off", "bootloader-commands", "bootloader-interrupt",
                 "u-boot-interrupt", "umount-retry", "auto-login-action", "bootloader-action",
                 "uboot-action", "uboot-commands", "uboot-retry"):
        lines.append("    %s: {minutes: %d}" % (name, rng.randint(1, 10)))
    lines += ["  connections:"]
    for name in ("dd-image", "uboot-commands", "bootloader-commands", "auto-login-action"):
        lines.append("    %s: {minutes: %d}" % (name, rng.randint(1, 10)))
    return "\n".join(lines) + "\n"


def description_yaml(rng, vocab, job_id, hostname, device_type, actions, definitions):
    """The pipeline description LAVA keeps as description.yaml (tens of KB)."""
    words, cum = vocab
    out = ["compatibility: 6", "device:", "  hostname: %s" % hostname, "  device_type: %s" % device_type,
           "job:", "  id: '%d'" % job_id, "pipeline:"]
    level = 0
    for action in ["validate"] + actions:
        level += 1
        out += ["- class: %sAction" % "".join(p.capitalize() for p in action.split("-")),
                "  description: %s" % " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(3, 9))),
                "  level: '%d'" % level, "  max_retries: 1", "  name: %s" % action,
                "  summary: %s" % " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(2, 5))),
                "  timeout: %d" % (60 * rng.randint(1, 60)), "  pipeline:"]
        for sub in range(1, rng.randint(3, 9)):
            name = "-".join(rng.choices(words[:600], k=2))
            out += ["  - class: %sAction" % "".join(p.capitalize() for p in name.split("-")),
                    "    description: %s" % " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(3, 12))),
                    "    level: '%d.%d'" % (level, sub), "    max_retries: 1", "    name: %s" % name,
                    "    summary: %s" % " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(2, 5))),
                    "    timeout: %d" % (60 * rng.randint(1, 30))]
            if rng.random() < 0.4:
                out.append("    url: https://storage.example.org/builds/%032x/%s" % (rng.getrandbits(128), words[int(rng.random() * 300)]))
            if rng.random() < 0.5:
                out.append("    pipeline:")
                for leaf in range(1, rng.randint(2, 7)):
                    out.append("    - {class: %s, description: %s, level: '%d.%d.%d', max_retries: 1, name: %s, "
                               "summary: %s, timeout: %d}"
                               % ("".join(w.capitalize() for w in rng.choices(words[:600], k=2)),
                                  " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(3, 9))),
                                  level, sub, leaf, "-".join(rng.choices(words[:600], k=2)),
                                  " ".join(rng.choices(words, cum_weights=cum, k=2)), 60 * rng.randint(1, 30)))
    for d in definitions:
        out += ["- test_definition: %s" % d, "  repository: https://github.com/Linaro/test-definitions.git",
                "  commit_id: %040x" % rng.getrandbits(160)]
    return "\n".join(out) + "\n"


def dispatcher_yaml(rng, worker):
    return ("dispatcher_ip: 10.%d.%d.%d\nprefix: %s-\nhttp_url: http://%s/tmp\ntftp_server: 10.%d.%d.%d\n"
            % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254), worker.split(".")[0], worker,
               rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)))


def env_yaml(rng):
    return ("overrides:\n  LC_ALL: C.UTF-8\n  LANG: C\n  PATH: /usr/local/bin:/usr/local/sbin:/bin:/usr/bin:/usr/sbin:/sbin\n"
            "  http_proxy: http://proxy%d.lab.example.org:3128\n  https_proxy: http://proxy%d.lab.example.org:3128\n"
            "  no_proxy: localhost,127.0.0.1,.lab.example.org\npurge: true\n" % (rng.randint(1, 4), rng.randint(1, 4)))
