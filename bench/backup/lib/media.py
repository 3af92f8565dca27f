#!/usr/bin/python3
"""The file side of the backup benchmark's data set (called by bench/backup/generate and grow).

  media.py jobs ROOT NAME SEED FILES BYTES [AFTER_ID]
      Writes job output directories as LAVA 2023.01 lays them out
      (MEDIA_ROOT/job-output/YYYY/MM/DD/JOBID/, TestJob.output_dir, the date being the job's
      submit_time in UTC) for jobs of the instance's database that ran (start_time set): about
      FILES files totalling about BYTES bytes, for jobs with id > AFTER_ID (default 0). Each
      directory holds what LAVA writes there: job.yaml (the definition), device.yaml,
      dispatcher.yaml / env.yaml / env-dut.yaml for some, description.yaml, output.yaml (the log)
      and output.idx (its line index, 8 bytes per line). Log sizes are log-normal (median about
      270 KB, from KB to tens of MB), scaled so that the total comes out at BYTES.
      Owned by lava-NAME, directories 0755 and files 0644 as LAVA's processes (umask 022)
      leave them; modification times are the real time of writing, as for LAVA.
  media.py etc ROOT NAME
      Writes the instance's device dictionaries (etc/dispatcher-config/devices/HOST.jinja2) and
      health checks (etc/dispatcher-config/health-checks/TYPE.yaml: the health-check jobs'
      definition) for the devices and types in the database.

Deterministic: the jobs chosen and every byte written depend only on SEED and the database.
Uses the standard library only; psql runs as postgres.
"""

import csv
import io
import math
import multiprocessing
import os
import pwd
import random
import subprocess
import sys
import time

sys.dont_write_bytecode = True        # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import logtext  # noqa: E402

FILES_PER_DIR = 6.0          # average of the plan below: 5 always, 3 more by chance (0.6+0.3+0.1)
OUTPUT_MEDIAN = 270e3        # median size of output.yaml before scaling
OUTPUT_SIGMA = 1.5


def psql_copy(db, query):
    """Rows of a query, through COPY ... TO STDOUT (CSV), as postgres."""
    out = subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                          "-d", db, "-c", "COPY (%s) TO STDOUT WITH (FORMAT csv)" % query],
                         check=True, stdout=subprocess.PIPE, cwd="/").stdout.decode("utf-8")
    return list(csv.reader(io.StringIO(out)))


def plan(seed, job):
    """What one job directory holds: the optional files and the raw log size."""
    rng = random.Random("%s/plan/%s" % (seed, job["id"]))
    extra = [name for name, p in (("dispatcher.yaml", 0.6), ("env.yaml", 0.3), ("env-dut.yaml", 0.1))
             if rng.random() < p]
    size = rng.lognormvariate(math.log(OUTPUT_MEDIAN), OUTPUT_SIGMA)
    if job["health"] != 1:
        size *= 0.5                  # incomplete and canceled jobs stop early
    return extra, min(max(size, 2e3), 80e6)


_VOCABULARY = {}


def write_job(task):
    """Worker: one job directory. Returns (files, bytes)."""
    seed, media, uid, gid, job, extra, size, definition = task
    os.umask(0o022)
    rng = random.Random("%s/job/%s" % (seed, job["id"]))
    if seed not in _VOCABULARY:
        _VOCABULARY[seed] = logtext.vocabulary(random.Random("%s/vocabulary" % seed))
    vocab = _VOCABULARY[seed]
    t = time.gmtime(job["submit"])
    rel = ["job-output", "%02d" % t.tm_year, "%02d" % t.tm_mon, "%02d" % t.tm_mday, str(job["id"])]
    path = media
    for part in rel:
        path = os.path.join(path, part)
        try:
            os.mkdir(path, 0o755)
            os.chown(path, uid, gid)
        except FileExistsError:
            pass
    suites = [s for s in job["suites"].split(",") if s and s != "lava"]
    actions = {"qemu": ["tmpfs-deploy", "boot-qemu-image"], "depthcharge": ["tftp-deploy", "depthcharge-action"],
               "x86": ["tftp-deploy", "bootloader-action"]}.get(job["family"], ["tftp-deploy", "uboot-action"])
    actions += ["lava-test-retry"] if suites else []
    actions += ["finalize"]
    files = {
        "job.yaml": definition,
        "device.yaml": logtext.device_yaml(rng, job["device"], job["device_type"], job["worker"]),
        "description.yaml": logtext.description_yaml(rng, vocab, job["id"], job["device"], job["device_type"],
                                                     actions, suites),
    }
    if "dispatcher.yaml" in extra:
        files["dispatcher.yaml"] = logtext.dispatcher_yaml(rng, job["worker"])
    if "env.yaml" in extra:
        files["env.yaml"] = logtext.env_yaml(rng)
    if "env-dut.yaml" in extra:
        files["env-dut.yaml"] = logtext.env_yaml(rng)
    total = 0
    for name, text in files.items():
        with open(os.path.join(path, name), "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode("utf-8"))
    writer = logtext.LogWriter(rng, vocab, job["start"], job["end"] - job["start"], job["id"], suites, actions)
    out, idx = writer.write(path, int(size))
    total += out + idx
    names = list(files) + ["output.yaml", "output.idx"]
    for name in names:
        os.chown(os.path.join(path, name), uid, gid)
    return len(names), total


def cmd_jobs(root, name, seed, target_files, target_bytes, after_id=0):
    instance = os.path.join(root, "instances", name)
    media = os.path.join(instance, "var/lib/lava-server/media")
    db = "lava-" + name
    user = pwd.getpwnam("lava-" + name)
    rows = psql_copy(db, """
        SELECT j.id, extract(epoch FROM j.submit_time)::float8, extract(epoch FROM j.start_time)::float8,
               extract(epoch FROM j.end_time)::float8, j.health, j.actual_device_id, j.requested_device_type_id,
               coalesce(d.worker_host_id, 'lava-worker-01.lab.example.org'),
               (SELECT string_agg(s.name, ',' ORDER BY s.id) FROM lava_results_app_testsuite s WHERE s.job_id = j.id)
        FROM lava_scheduler_app_testjob j LEFT JOIN lava_scheduler_app_device d ON d.hostname = j.actual_device_id
        WHERE j.start_time IS NOT NULL AND j.id > %d ORDER BY j.id""" % after_id)
    families = {"qemu": "qemu", "qemu-aarch64": "qemu", "mt8173-elm-hana": "depthcharge",
                "rk3288-veyron-jaq": "depthcharge", "x86": "x86"}
    candidates = [{"id": int(r[0]), "submit": float(r[1]), "start": float(r[2]), "end": float(r[3]),
                   "health": int(r[4]), "device": r[5], "device_type": r[6], "worker": r[7],
                   "suites": r[8] or "", "family": families.get(r[6], "uboot")} for r in rows]
    if not candidates:
        sys.exit("media.py: no job with id > %d ran" % after_id)
    # choose the jobs: a seeded shuffle, then as many as make up the files wanted
    order = list(candidates)
    random.Random("%s/select/%s" % (seed, after_id)).shuffle(order)
    chosen, files = [], 0
    for job in order:
        if files >= target_files:
            break
        extra, size = plan(seed, job)
        chosen.append((job, extra, size))
        files += 5 + len(extra)
    # scale the logs so that the whole comes out at the bytes wanted (the small files and the
    # index, about 7% of a log, are the rest)
    small = 45e3 * len(chosen)
    raw = sum(size for _, _, size in chosen)
    factor = max(0.05, (target_bytes - small) / 1.075 / raw) if raw else 1.0
    ids = ",".join(str(job["id"]) for job, _, _ in chosen)
    definitions = {int(r[0]): r[1] for r in psql_copy(
        db, "SELECT id, definition FROM lava_scheduler_app_testjob WHERE id IN (%s)" % ids)}
    tasks = [(seed, media, user.pw_uid, user.pw_gid, job, extra, min(80e6, size * factor), definitions[job["id"]])
             for job, extra, size in chosen]
    tasks.sort(key=lambda task: -task[6])            # biggest first: the workers finish together
    total_files = total_bytes = 0
    with multiprocessing.Pool(os.cpu_count()) as pool:
        for nfiles, nbytes in pool.imap_unordered(write_job, tasks):
            total_files += nfiles
            total_bytes += nbytes
    print("media: %d job directories, %d files, %d bytes" % (len(tasks), total_files, total_bytes))


def cmd_etc(root, name):
    instance = os.path.join(root, "instances", name)
    conf = os.path.join(instance, "etc/dispatcher-config")
    db = "lava-" + name
    user = pwd.getpwnam("lava-" + name)
    os.umask(0o022)
    devices = psql_copy(db, "SELECT hostname, device_type_id, coalesce(worker_host_id, '') "
                            "FROM lava_scheduler_app_device ORDER BY hostname")
    for i, (host, dtype, worker) in enumerate(devices):
        rng = random.Random("%s/dict" % host)
        pdu, port = 1 + i // 16, 1 + i % 16
        text = ("{%% extends '%s.jinja2' %%}\n"
                "{%% set connection_command = 'telnet %s %d' %%}\n"
                "{%% set connection_tags = {'uart0': ['primary', 'telnet']} %%}\n"
                "{%% set hard_reset_command = '/usr/local/bin/pduclient --daemon pdu%02d --hostname pdu%02d --command reboot --port %02d' %%}\n"
                "{%% set power_off_command = '/usr/local/bin/pduclient --daemon pdu%02d --hostname pdu%02d --command off --port %02d' %%}\n"
                "{%% set power_on_command = '/usr/local/bin/pduclient --daemon pdu%02d --hostname pdu%02d --command on --port %02d' %%}\n"
                "{%% set device_info = [{'board_id': '%016x'}] %%}\n"
                % (dtype, worker.split(".")[0] or "localhost", 7000 + i, pdu, pdu, port, pdu, pdu, port,
                   pdu, pdu, port, rng.getrandbits(64)))
        path = os.path.join(conf, "devices", host + ".jinja2")
        with open(path, "w") as f:
            f.write(text)
        os.chown(path, user.pw_uid, user.pw_gid)
    checks = psql_copy(db, "SELECT DISTINCT ON (requested_device_type_id) requested_device_type_id, original_definition "
                           "FROM lava_scheduler_app_testjob WHERE health_check ORDER BY requested_device_type_id, id DESC")
    for dtype, definition in checks:
        path = os.path.join(conf, "health-checks", dtype + ".yaml")
        with open(path, "w") as f:
            f.write(definition)
        os.chown(path, user.pw_uid, user.pw_gid)
    print("etc: %d device dictionaries, %d health checks" % (len(devices), len(checks)))


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) >= 6 and args[0] == "jobs":
        cmd_jobs(os.path.realpath(args[1]), args[2], args[3], int(args[4]), int(args[5]),
                 int(args[6]) if len(args) > 6 else 0)
    elif len(args) == 3 and args[0] == "etc":
        cmd_etc(os.path.realpath(args[1]), args[2])
    else:
        sys.exit(__doc__)
