-- One batch of finished LAVA test jobs with their results, in one pass of generate_series:
-- lava_scheduler_app_testjob (+ _tags, _viewing_groups), lava_results_app_testsuite, _testset,
-- _testcase, and the devices' last health report. Used by generate (the whole history) and by grow
-- (one more day).
--
-- psql variables:
--   seed      the data set's seed (every value is a hash of seed, row key and column: reproducible)
--   first_id  id of the first job of the batch (the jobs are first_id .. first_id + njobs - 1)
--   njobs     number of jobs
--   tstart, tend   the batch's jobs are submitted in [tstart, tend)
--   shape     submit times follow tstart + (tend - tstart) * x^shape, x uniform: shape < 1 makes
--             the lab busier towards the end, as labs grow; 1 is a steady rate
--
-- Values follow LAVA 2023.01's models: TestJob.STATE_FINISHED = 5; TestJob.HEALTH_COMPLETE = 1,
-- _INCOMPLETE = 2, _CANCELED = 3; TestCase.RESULT_PASS = 0, _FAIL = 1, _SKIP = 2, _UNKNOWN = 3;
-- TestJob.LOW/MEDIUM/HIGH = 0/50/100; TestCase.metadata is yaml.dump() of the result dictionary,
-- TestJob.definition is yaml_safe_dump() of the submitted YAML (original_definition).
--
-- Runs as postgres with session_replication_role = replica: the deferred foreign-key triggers of
-- millions of rows would queue in memory; the keys are built consistent instead, and generate
-- checks them afterwards (lib/verify.sql).
\set ON_ERROR_STOP on
\ir reference.sql
SET synchronous_commit = off;
SET session_replication_role = replica;
SET work_mem = '256MB';

CREATE TEMP TABLE dev AS
SELECT row_number() OVER (ORDER BY d.hostname)::int AS n, d.hostname, i.n AS dtn, i.name AS dt, i.arch,
       i.family, i.dtb, i.image, i.ktype
FROM lava_scheduler_app_device d JOIN dtinfo i ON i.name = d.device_type_id;
CREATE TEMP TABLE people AS
SELECT row_number() OVER (ORDER BY id)::int AS n, id FROM auth_user
WHERE username NOT IN ('lava-health', 'lkft-bot', 'kernelci-bot', 'tuxsuite', 'android-ci', 'lava-admin');

-- The jobs' plan: kind (0 boot only, 1 functional tests, 2 big suites such as LTP, 3 health check),
-- outcome, device, submitter, times.
CREATE TEMP TABLE j AS
WITH b AS (
    SELECT id, (id - :first_id + pg_temp.u(id, 1)) / :njobs AS x,
           CASE WHEN pg_temp.u(id, 2) < 0.12 THEN 3 WHEN pg_temp.u(id, 2) < 0.38 THEN 0
                WHEN pg_temp.u(id, 2) < 0.90 THEN 1 ELSE 2 END AS kind,
           CASE WHEN pg_temp.u(id, 3) < 0.80 THEN 1 WHEN pg_temp.u(id, 3) < 0.94 THEN 2 ELSE 3 END AS health
    FROM generate_series(:first_id::int, :first_id::int + :njobs::int - 1) id
), t AS (
    SELECT b.*, :'tstart'::timestamptz + (:'tend'::timestamptz - :'tstart'::timestamptz) * power(x, :shape) AS submit,
           NOT (health = 3 AND pg_temp.u(id, 4) < 0.4) AS started,              -- canceled while queued
           least(86400, -ln(1 - pg_temp.u(id, 5)) * 900) AS wait_s,             -- queueing, mean 15 min
           (CASE kind WHEN 0 THEN 180 + 600 * pg_temp.u(id, 6) WHEN 3 THEN 300 + 900 * pg_temp.u(id, 6)
                      WHEN 1 THEN 600 + 3000 * pg_temp.u(id, 6) ELSE 2400 + 12000 * pg_temp.u(id, 6) END)
           * CASE health WHEN 1 THEN 1 WHEN 2 THEN 0.1 + 0.7 * pg_temp.u(id, 7) ELSE 0.05 + 0.5 * pg_temp.u(id, 7) END
             AS run_s
    FROM b
)
SELECT t.id, t.x, t.kind, t.health, t.started, t.submit,
       CASE WHEN started THEN submit + make_interval(secs => wait_s) END AS start_time,
       submit + make_interval(secs => wait_s + CASE WHEN started THEN run_s ELSE 0 END) AS end_time,
       d.hostname, d.dtn, d.dt, d.arch, d.family, d.dtb, d.image, d.ktype,
       CASE WHEN kind = 3 THEN 0 WHEN kind = 0 THEN 0 WHEN kind = 1 THEN 1 + floor(3 * pg_temp.u(t.id, 8))::int
            ELSE 1 + floor(2 * pg_temp.u(t.id, 8))::int END AS ndefs,
       CASE WHEN kind = 3 THEN 1 ELSE 0 END AS hc_defs,
       CASE WHEN kind = 3 THEN (SELECT id FROM auth_user WHERE username = 'lava-health')
            WHEN pg_temp.u(t.id, 9) < 0.35 THEN (SELECT id FROM auth_user WHERE username = 'lkft-bot')
            WHEN pg_temp.u(t.id, 9) < 0.60 THEN (SELECT id FROM auth_user WHERE username = 'kernelci-bot')
            WHEN pg_temp.u(t.id, 9) < 0.72 THEN (SELECT id FROM auth_user WHERE username = 'tuxsuite')
            WHEN pg_temp.u(t.id, 9) < 0.80 THEN (SELECT id FROM auth_user WHERE username = 'android-ci')
            ELSE (SELECT p.id FROM people p WHERE p.n = 1 + floor(pg_temp.u(t.id, 10) * (SELECT count(*) FROM people))::int)
       END AS submitter_id,
       CASE WHEN kind = 3 THEN 'high' WHEN pg_temp.u(t.id, 11) < 0.05 THEN 'high'
            WHEN pg_temp.u(t.id, 11) < 0.15 THEN 'low' ELSE 'medium' END AS prio,
       kind = 3 OR pg_temp.u(t.id, 12) >= 0.05 AS public
FROM t JOIN dev d ON d.n = 1 + floor(pg_temp.u(t.id, 13) * (SELECT count(*) FROM dev))::int;
ALTER TABLE j ADD PRIMARY KEY (id);

-- Each job's suites: "lava" (LAVA's own actions) then one per test definition, named
-- "<index>_<definition name>" as lava-test-shell names them. Canceled-while-queued jobs have none.
CREATE TEMP TABLE s AS
SELECT j.id AS job_id, k, td.n AS tdn,
       CASE WHEN k = 0 THEN 'lava' ELSE (k - 1) || '_' || td.name END AS name,
       CASE WHEN k = 0 THEN 10 + floor(20 * pg_temp.u(j.id * 8 + k, 21))::int
            WHEN td.big THEN ((200 + floor(1500 * pg_temp.u(j.id * 8 + k, 22)))
                              * CASE WHEN j.health = 1 THEN 1 ELSE 0.1 + 0.6 * pg_temp.u(j.id * 8 + k, 23) END)::int + 1
            ELSE (cardinality(td.cases) * (1 + floor(4 * pg_temp.u(j.id * 8 + k, 22) ^ 2))
                  * CASE WHEN j.health = 1 THEN 1 ELSE 0.1 + 0.6 * pg_temp.u(j.id * 8 + k, 23) END)::int + 1
       END AS ncases,
       coalesce(td.sets, false) AS has_sets
FROM j
CROSS JOIN LATERAL generate_series(0, j.ndefs + j.hc_defs) k
LEFT JOIN tdefs td ON k > 0 AND td.n = CASE
        WHEN j.kind = 3 THEN 1
        WHEN j.kind = 2 AND k = 1 THEN (SELECT array_agg(n ORDER BY n) FROM tdefs WHERE big)
                                        [1 + floor(pg_temp.u(j.id * 8 + k, 24) * (SELECT count(*) FROM tdefs WHERE big))::int]
        ELSE (SELECT array_agg(n ORDER BY n) FROM tdefs WHERE NOT big)
             [1 + floor(pg_temp.u(j.id * 8 + k, 24) * (SELECT count(*) FROM tdefs WHERE NOT big))::int] END
WHERE j.started;

-- Ids: the batch continues each table's ids; a suite's cases and sets are contiguous.
CREATE TEMP TABLE s2 AS
SELECT s.*, (SELECT coalesce(max(id), 0) FROM lava_results_app_testsuite)
              + row_number() OVER (ORDER BY job_id, k) AS suite_id,
       CASE WHEN has_sets THEN (ncases + 24) / 25 ELSE 0 END AS nsets
FROM s;
CREATE TEMP TABLE s3 AS
SELECT s2.*, (SELECT coalesce(max(id), 0) FROM lava_results_app_testcase)
               + sum(ncases) OVER (ORDER BY suite_id) - ncases AS case_off,
       (SELECT coalesce(max(id), 0) FROM lava_results_app_testset)
               + sum(nsets) OVER (ORDER BY suite_id) - nsets AS set_off
FROM s2;
ALTER TABLE s3 ADD PRIMARY KEY (suite_id);

-- The job definitions: the YAML a CI bot submits (original_definition) and the same as LAVA stores
-- it after yaml_safe_dump (definition: keys sorted). Health checks run the device type's health
-- check file, the same text for every health check of a type.
CREATE TEMP TABLE jd AS
SELECT j.id, j.kind, j.dt, j.arch, j.family,
       CASE WHEN j.kind = 3 THEN 'stable-6.1' ELSE pg_temp.pick('{mainline,next,stable-6.1,stable-6.6,android-mainline,linux-6.6.y}', j.id, 31) END AS tree,
       (CASE WHEN j.kind = 3 THEN 'v6.1.55'
             ELSE (ARRAY['v6.2','v6.3','v6.4','v6.5','v6.6','v6.7','v6.8','v6.9','v6.10','v6.11','v6.12','v6.13','v6.14'])
                  [least(13, 1 + floor(extract(epoch FROM j.submit - '2023-01-01+00') / (86400 * 61)))::int]
                  || '-' || (1 + floor(900 * pg_temp.u(j.id, 32))) || '-g' || pg_temp.hex(j.id, 33, 12) END) AS describe,
       CASE WHEN j.kind = 3 THEN pg_temp.hex(j.dtn, 34, 40) ELSE pg_temp.hex(j.id, 34, 40) END AS commit,
       CASE WHEN j.kind = 3 THEN 'gcc-12' ELSE pg_temp.pick('{gcc-12,gcc-13,clang-16,clang-17}', j.id, 35) END AS toolchain,
       CASE WHEN j.kind = 3 THEN 100 + j.dtn ELSE 1000 + j.id / 3 END AS build,
       CASE WHEN j.kind = 3 THEN 20230601 ELSE 20230101 + floor(extract(epoch FROM j.submit - '2023-01-01+00') / (86400 * 14))::int END AS rootfs,
       (ARRAY['boot', 'functional', 'full', 'health'])[j.kind + 1] AS plan,
       CASE WHEN j.kind = 3 THEN 20 WHEN j.kind = 0 THEN 15 WHEN j.kind = 1 THEN 60 ELSE 240 END AS jobmin,
       j.prio, j.public, j.dtb, j.image, j.ktype, j.dtn,
       CASE j.arch WHEN 'x86_64' THEN 'x86_64' WHEN 'arm64' THEN 'arm64' ELSE 'arm' END AS karch,
       CASE WHEN j.arch = 'x86_64' THEN 'amd64' WHEN j.arch = 'arm64' THEN 'arm64' ELSE 'armhf' END AS darch
FROM j;

ALTER TABLE jd ADD COLUMN jobname text;
UPDATE jd SET jobname = CASE WHEN kind = 3 THEN dt || ' health check' ELSE format('%s %s %s', tree, describe, plan) END;
CREATE INDEX ON s (job_id);

CREATE TEMP TABLE defs AS
SELECT jd.id,
  -- as submitted
  format('device_type: %s
job_name: %s
timeouts:
  job:
    minutes: %s
  action:
    minutes: 15
  connection:
    minutes: 2
priority: %s
%s%smetadata:
  git branch: %s
  git repo: https://git.kernel.org/pub/scm/linux/kernel/git/%s.git
  git commit: %s
  git describe: %s
  kernel-config: %s/config
  kernel-image: %s/%s
  kernel-modules: %s/modules.tar.xz
  build-url: https://ci.example.org/job/%s-build/%s/
  build-log: %s/build.log
  build-status: PASS
  defconfig: defconfig+%s
  toolchain: %s
  arch: %s
  device: %s
  rootfs-url: %s
  series: %s
  plan: %s
notify:
  criteria:
    status: finished
  callbacks:
  - url: https://qa-reports.example.org/api/submit/%s/%s/%s
    method: POST
    token: QA_REPORTS_TOKEN
    content-type: json
    dataset: results
actions:
%s%s%s',
    jd.dt, jd.jobname, jd.jobmin, jd.prio, vis_o, ctx_o, branch, repo, jd.commit, jd.describe, art, art, jd.image, art,
    jd.tree, jd.build, art, frag, jd.toolchain, jd.karch, jd.dt, rootfs_file, series, jd.plan,
    jd.tree, jd.describe, jd.dt, deploy_o, boot_o, test_o) AS original,
  -- as LAVA stores it
  format('actions:
%s%s%s%sdevice_type: %s
job_name: %s
metadata:
  arch: %s
  build-log: %s/build.log
  build-status: PASS
  build-url: https://ci.example.org/job/%s-build/%s/
  defconfig: defconfig+%s
  device: %s
  git branch: %s
  git commit: %s
  git describe: %s
  git repo: https://git.kernel.org/pub/scm/linux/kernel/git/%s.git
  kernel-config: %s/config
  kernel-image: %s/%s
  kernel-modules: %s/modules.tar.xz
  plan: %s
  rootfs-url: %s
  series: %s
  toolchain: %s
notify:
  callbacks:
  - content-type: json
    dataset: results
    method: POST
    token: QA_REPORTS_TOKEN
    url: https://qa-reports.example.org/api/submit/%s/%s/%s
  criteria:
    status: finished
priority: %s
timeouts:
  action:
    minutes: 15
  connection:
    minutes: 2
  job:
    minutes: %s
%s',
    deploy_s, boot_s, test_s, ctx_s, jd.dt, jd.jobname, jd.karch, art, jd.tree, jd.build, frag, jd.dt, branch,
    jd.commit, jd.describe, repo, art, art, jd.image, art, jd.plan, rootfs_file, series, jd.toolchain,
    jd.tree, jd.describe, jd.dt, jd.prio, jd.jobmin, vis_s) AS definition
FROM jd
CROSS JOIN LATERAL (SELECT
    CASE WHEN jd.tree LIKE 'stable-%' THEN 'linux-' || substr(jd.tree, 8) || '.y'
         WHEN jd.tree LIKE 'linux-%' THEN jd.tree ELSE 'master' END AS branch,
    CASE WHEN jd.tree = 'mainline' THEN 'torvalds/linux' WHEN jd.tree = 'next' THEN 'next/linux-next'
         WHEN jd.tree = 'android-mainline' THEN 'android/common' ELSE 'stable/linux' END AS repo,
    format('https://storage.example.org/%s/%s/%s/defconfig/%s', jd.tree, jd.describe, jd.karch, jd.toolchain) AS art,
    format('https://storage.example.org/rootfs/debian/bookworm/%s/%s', jd.rootfs, jd.darch) AS rootfs_url,
    format('https://storage.example.org/rootfs/debian/bookworm/%s/%s/%s', jd.rootfs, jd.darch,
           CASE WHEN jd.family = 'qemu' THEN 'rootfs.ext4.xz' ELSE 'rootfs.cpio.gz' END) AS rootfs_file,
    CASE WHEN jd.tree LIKE 'android%' THEN 'android' WHEN jd.tree LIKE 'stable%' THEN 'lkft' ELSE 'kernelci' END AS series,
    CASE WHEN jd.kind = 3 THEN 'lab-health.config'
         ELSE pg_temp.pick('{kselftest.config,lkft.config,debug.config,kasan.config,virtio.config,crypto.config}', jd.id, 36) END AS frag,
    CASE WHEN jd.public THEN 'visibility: public
' ELSE 'visibility:
  group:
  - lab-partners
' END AS vis_o,
    CASE WHEN jd.public THEN 'visibility: public
' ELSE 'visibility:
  group:
  - lab-partners
' END AS vis_s,
    CASE WHEN jd.family = 'qemu' THEN format('context:
  arch: %s
  extra_options:
  - -smp 2
', CASE WHEN jd.arch = 'x86_64' THEN 'amd64' ELSE 'arm64' END) ELSE '' END AS ctx_o,
    CASE WHEN jd.family = 'qemu' THEN format('context:
  arch: %s
  extra_options:
  - -smp 2
', CASE WHEN jd.arch = 'x86_64' THEN 'amd64' ELSE 'arm64' END) ELSE '' END AS ctx_s
) v
CROSS JOIN LATERAL (SELECT
    CASE WHEN jd.family = 'qemu' THEN format('- deploy:
    timeout:
      minutes: 10
    to: tmpfs
    images:
      kernel:
        image_arg: -kernel {kernel}
        url: %s/%s
      rootfs:
        image_arg: -drive format=raw,file={rootfs}
        url: %s/rootfs.ext4.xz
        compression: xz
    os: debian
', v.art, jd.image, v.rootfs_url)
    ELSE format('- deploy:
    timeout:
      minutes: 10
    to: tftp
    kernel:
      url: %s/%s
%s    ramdisk:
      url: %s/rootfs.cpio.gz
      compression: gz
    modules:
      url: %s/modules.tar.xz
      compression: xz
%s    os: debian
', v.art, jd.image, CASE WHEN jd.ktype IS NULL THEN '' ELSE format('      type: %s
', jd.ktype) END, v.rootfs_url, v.art,
       CASE WHEN jd.dtb IS NULL THEN '' ELSE format('    dtb:
      url: %s/dtbs/%s
', v.art, jd.dtb) END) END AS deploy_o,
    CASE WHEN jd.family = 'qemu' THEN format('- deploy:
    images:
      kernel:
        image_arg: -kernel {kernel}
        url: %s/%s
      rootfs:
        compression: xz
        image_arg: -drive format=raw,file={rootfs}
        url: %s/rootfs.ext4.xz
    os: debian
    timeout:
      minutes: 10
    to: tmpfs
', v.art, jd.image, v.rootfs_url)
    ELSE format('- deploy:
%s    kernel:
%s      url: %s/%s
    modules:
      compression: xz
      url: %s/modules.tar.xz
    os: debian
    ramdisk:
      compression: gz
      url: %s/rootfs.cpio.gz
    timeout:
      minutes: 10
    to: tftp
', CASE WHEN jd.dtb IS NULL THEN '' ELSE format('    dtb:
      url: %s/dtbs/%s
', v.art, jd.dtb) END, CASE WHEN jd.ktype IS NULL THEN '' ELSE format('      type: %s
', jd.ktype) END, v.art, jd.image, v.art, v.rootfs_url) END AS deploy_s,
    CASE WHEN jd.family = 'qemu' THEN '- boot:
    timeout:
      minutes: 5
    method: qemu
    media: tmpfs
    prompts:
    - root@(.*):[/~]#
    auto_login:
      login_prompt: ''login:''
      username: root
'   ELSE format('- boot:
    timeout:
      minutes: 5
    method: %s
    commands: ramdisk
    prompts:
    - root@(.*):[/~]#
    auto_login:
      login_prompt: ''login:''
      username: root
', CASE jd.family WHEN 'uboot' THEN 'u-boot' WHEN 'depthcharge' THEN 'depthcharge' ELSE 'ipxe' END) END AS boot_o,
    format('- boot:
    auto_login:
      login_prompt: ''login:''
      username: root
%s%s    method: %s
    prompts:
    - root@(.*):[/~]#
    timeout:
      minutes: 5
', CASE WHEN jd.family = 'qemu' THEN '' ELSE '    commands: ramdisk
' END,
   CASE WHEN jd.family = 'qemu' THEN '    media: tmpfs
' ELSE '' END,
   CASE jd.family WHEN 'qemu' THEN 'qemu' WHEN 'uboot' THEN 'u-boot' WHEN 'depthcharge' THEN 'depthcharge' ELSE 'ipxe' END) AS boot_s
) a
CROSS JOIN LATERAL (SELECT
    CASE WHEN count(s.k) = 0 THEN '' ELSE format('- test:
    timeout:
      minutes: %s
    definitions:
%s', jd.jobmin - 10, string_agg(format('    - repository: https://github.com/Linaro/test-definitions.git
      from: git
      revision: %s
      path: %s
      name: %s
      parameters:
        %s
        SKIPFILE: skipfile-lkft.yaml
        BOARD: %s
        ENVIRONMENT: production
        QA_SERVER: https://qa-reports.example.org
        QA_PROJECT: %s
        TIMEOUT_PER_TEST: 300
', rev, td.path, td.name, td.params, jd.dt, jd.tree), '' ORDER BY s.k)) END AS test_o,
    CASE WHEN count(s.k) = 0 THEN '' ELSE format('- test:
    definitions:
%s    timeout:
      minutes: %s
', string_agg(format('    - from: git
      name: %s
      parameters:
%s      path: %s
      repository: https://github.com/Linaro/test-definitions.git
      revision: %s
', td.name, (SELECT string_agg('        ' || p || '
', '' ORDER BY p COLLATE "C") FROM unnest(ARRAY[td.params, 'SKIPFILE: skipfile-lkft.yaml',
                                                 'BOARD: ' || jd.dt, 'ENVIRONMENT: production',
                                                 'QA_SERVER: https://qa-reports.example.org',
                                                 'QA_PROJECT: ' || jd.tree, 'TIMEOUT_PER_TEST: 300']) p),
       td.path, rev), '' ORDER BY s.k), jd.jobmin - 10) END AS test_s
    FROM s JOIN tdefs td ON td.n = s.tdn
    CROSS JOIN LATERAL (SELECT pg_temp.hex(CASE WHEN jd.kind = 3 THEN 0 ELSE s.job_id / 500 END * 16 + td.n, 37, 40) AS rev) r
    WHERE s.job_id = jd.id AND s.k > 0
) t;
ALTER TABLE defs ADD PRIMARY KEY (id);

INSERT INTO lava_scheduler_app_testjob (is_public, id, sub_id, target_group, description, health_check,
    submit_time, start_time, end_time, priority, definition, original_definition, multinode_definition,
    failure_comment, actual_device_id, requested_device_type_id, submitter_id, pipeline_compatibility,
    health, state, token, queue_timeout)
SELECT j.public, j.id, '', NULL, jd.jobname, j.kind = 3,
       j.submit, j.start_time, j.end_time,
       CASE j.prio WHEN 'high' THEN 100 WHEN 'low' THEN 0 ELSE 50 END,
       d.definition, d.original, '',
       CASE WHEN j.health = 2 THEN pg_temp.pick(ARRAY[
              format('lava-test-shell timed out after %s seconds', 600 + floor(3000 * pg_temp.u(j.id, 41))),
              format('auto-login-action timed out after %s seconds', 60 + floor(240 * pg_temp.u(j.id, 41))),
              format('bootloader-interrupt timed out after %s seconds', 30 + floor(60 * pg_temp.u(j.id, 41))),
              format('Unable to fetch %s: 404 Not Found', 'https://storage.example.org/' || jd.tree || '/' || jd.describe || '/' || jd.karch),
              'Infrastructure error: Unable to connect to the device console (telnet: Unable to connect to remote host: Connection refused)',
              'Job error: Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)',
              format('u-boot-interrupt timed out after %s seconds', 60 + floor(120 * pg_temp.u(j.id, 41))),
              'Test error: lava-test-shell: Connection closed'], j.id, 42) END,
       CASE WHEN j.started THEN j.hostname END, j.dt, j.submitter_id, 0, j.health, 5,
       pg_temp.hex(j.id, 43, 32), NULL
FROM j JOIN jd ON jd.id = j.id JOIN defs d ON d.id = j.id
ORDER BY j.id;

INSERT INTO lava_scheduler_app_testjob_tags (testjob_id, tag_id)
SELECT j.id, t.id FROM j JOIN lava_scheduler_app_tag t ON pg_temp.u(j.id, 50 + t.id) < 0.03
ORDER BY j.id, t.id;
INSERT INTO lava_scheduler_app_testjob_viewing_groups (testjob_id, group_id)
SELECT j.id, g.id FROM j JOIN auth_group g ON g.name = 'lab-partners' WHERE NOT j.public ORDER BY j.id;

INSERT INTO lava_results_app_testsuite (id, name, job_id)
SELECT suite_id, name, job_id FROM s3 ORDER BY suite_id;

INSERT INTO lava_results_app_testset (id, name, suite_id)
SELECT s3.set_off + g, format('%s-%s', split_part(td.name, '-', 2),
          (ARRAY['core','basic','stress','regression','compat','smoke','perf','edge'])[1 + (g - 1) % 8]
          || CASE WHEN g > 8 THEN (1 + (g - 1) / 8)::text ELSE '' END),
       s3.suite_id
FROM s3 JOIN tdefs td ON td.n = s3.tdn CROSS JOIN LATERAL generate_series(1, s3.nsets) g
WHERE s3.nsets > 0
ORDER BY 1;

-- The bulk: one row per test case, in id order.
INSERT INTO lava_results_app_testcase (id, name, units, result, measurement, metadata, logged, suite_id,
                                       test_set_id, end_log_line, start_log_line)
SELECT c.id, c.name,
       CASE WHEN c.meas IS NULL THEN '' ELSE c.units END,
       c.result, c.meas,
       CASE WHEN s3.tdn IS NULL
            THEN format('case: %s
definition: lava
duration: ''%s''
level: %s
namespace: common
result: %s
', c.name, c.meas, c.level, c.resname)
            WHEN c.meas IS NULL
            THEN format('case: %s
definition: %s
result: %s
', c.name, s3.name, c.resname)
            ELSE format('case: %s
definition: %s
measurement: ''%s''
result: %s
units: %s
', c.name, s3.name, c.meas, c.resname, c.units) END,
       j.start_time + (j.end_time - j.start_time) * ((s3.k + c.i::float8 / (s3.ncases + 1)) / (j.ndefs + j.hc_defs + 1)),
       s3.suite_id,
       CASE WHEN s3.nsets > 0 THEN s3.set_off + 1 + (c.i - 1) / 25 END,
       CASE WHEN s3.tdn IS NOT NULL THEN 200 + 3000 * s3.k + 9 * c.i + 5 END,
       CASE WHEN s3.tdn IS NOT NULL THEN 200 + 3000 * s3.k + 9 * c.i END
FROM s3
JOIN j ON j.id = s3.job_id
LEFT JOIN tdefs td ON td.n = s3.tdn
CROSS JOIN lava_actions la
CROSS JOIN LATERAL (
    SELECT i, s3.case_off + i AS id, name, result, (ARRAY['pass','fail','skip','unknown'])[result + 1] AS resname,
           meas, units, level
    FROM (SELECT i,
                 CASE WHEN td.n IS NULL THEN la.a[1 + (i - 1) % cardinality(la.a)]
                      WHEN td.big THEN td.cases[1 + (i - 1) % cardinality(td.cases)] || lpad(((i - 1) / cardinality(td.cases) + 1)::text, 2, '0')
                      ELSE td.cases[1 + (i - 1) % cardinality(td.cases)]
                           || CASE WHEN i > cardinality(td.cases) THEN '-' || ((i - 1) / cardinality(td.cases) + 1) ELSE '' END
                 END AS name,
                 CASE WHEN td.n IS NULL THEN CASE WHEN j.health = 2 AND i = s3.ncases THEN 1 ELSE 0 END
                      WHEN pg_temp.u(s3.case_off + i, 51) < 0.86 THEN 0
                      WHEN pg_temp.u(s3.case_off + i, 51) < 0.91 THEN 1
                      WHEN pg_temp.u(s3.case_off + i, 51) < 0.985 THEN 2 ELSE 3 END AS result,
                 CASE WHEN td.n IS NULL THEN round((300 * pg_temp.u(s3.case_off + i, 52) ^ 3)::numeric, 2)
                      WHEN td.n IN (14, 15) OR pg_temp.u(s3.case_off + i, 53) < 0.03
                      THEN round((10000 * pg_temp.u(s3.case_off + i, 52) ^ 2)::numeric, 4) END AS meas,
                 CASE WHEN td.n IS NULL THEN 'seconds' WHEN td.n = 14 THEN 's' WHEN td.n = 15 THEN 'DMIPS'
                      ELSE pg_temp.pick('{ms,us,MB/s,ops/s,%}', s3.case_off + i, 54) END AS units,
                 format('%s.%s.%s', 1 + (i - 1) / 8, 1 + (i - 1) % 8, 1 + floor(4 * pg_temp.u(s3.case_off + i, 55))::int) AS level
          FROM generate_series(1, s3.ncases) i) x
) c;

-- Each device's last health check (a OneToOne to its newest health-check job).
UPDATE lava_scheduler_app_device d SET last_health_report_job_id = h.id
FROM (SELECT DISTINCT ON (hostname) hostname, id FROM j WHERE kind = 3 AND started ORDER BY hostname, id DESC) h
WHERE d.hostname = h.hostname;

-- The sequences continue after the rows written with explicit ids.
SELECT setval('lava_scheduler_app_testjob_id_seq', (SELECT coalesce(max(id), 1) FROM lava_scheduler_app_testjob)),
       setval('lava_results_app_testsuite_id_seq', (SELECT coalesce(max(id), 1) FROM lava_results_app_testsuite)),
       setval('lava_results_app_testset_id_seq', (SELECT coalesce(max(id), 1) FROM lava_results_app_testset)),
       setval('lava_results_app_testcase_id_seq', (SELECT coalesce(max(id), 1) FROM lava_results_app_testcase));
