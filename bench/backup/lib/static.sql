-- The lab around the jobs: users, workers, architectures, device types, devices, tags.
-- Run once on a freshly installed instance, before jobs.sql. psql variables: seed, scale,
-- tstart (the first day of the data set), tend (the day after its last day).
\set ON_ERROR_STOP on
\ir reference.sql

-- Users: LAVA's lava-health (id 1, from the migrations), a few submitting bots, an administrator and
-- people. Passwords are Django PBKDF2 hashes of nothing anyone knows.
INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email,
                       is_staff, is_active, date_joined)
SELECT 'pbkdf2_sha256$390000$' || pg_temp.hex(i, 1, 22) || '$'
         || encode(sha256(convert_to(pg_temp.hex(i, 2, 64), 'UTF8')), 'base64'),
       :'tend'::timestamptz - make_interval(secs => pg_temp.u(i, 3) * 86400 * 60),
       name = 'lava-admin', name,
       CASE WHEN kind = 'person' THEN initcap(split_part(name, '.', 1)) ELSE '' END,
       CASE WHEN kind = 'person' THEN initcap(split_part(name, '.', 2)) ELSE '' END,
       name || '@lab.example.org',
       name = 'lava-admin', pg_temp.u(i, 4) < 0.93,
       :'tstart'::timestamptz - make_interval(secs => pg_temp.u(i, 5) * 86400 * 700)
FROM (
    SELECT i, kind, name FROM (VALUES (1, 'bot', 'lkft-bot'), (2, 'bot', 'kernelci-bot'), (3, 'bot', 'tuxsuite'),
                                      (4, 'bot', 'android-ci'), (5, 'bot', 'lava-admin')) b(i, kind, name)
    UNION ALL
    SELECT 100 + i, 'person',
           lower(pg_temp.pick('{alice,bob,carol,dave,erin,frank,grace,heidi,ivan,judy,mallory,niaj,olivia,peggy,rupert,sybil,trent,victor,walter,yann,zoe,amir,bilal,chen,dmitri,elif,farid,giulia,hiro,ines,jonas,kenji,lena,marta,nikos,oscar,priya,quentin,rosa,sanjay}'::text[], i, 0)
                 || '.' || (ARRAY['martin','bernard','dubois','thomas','robert','richard','petit','durand','leroy','moreau','simon','laurent','lefebvre','michel','garcia','david','bertrand','roux','vincent','fournier','morel','girard','andre','mercier','dupont','lambert','bonnet','francois','martinez','legrand'])[1 + (i % 30)]
                 || CASE WHEN i >= 30 THEN (i / 30)::text ELSE '' END)
    FROM generate_series(0, greatest(4, round(60 * :scale))::int - 1) i
) u(i, kind, name)
ON CONFLICT (username) DO NOTHING;

-- Workers: the dispatchers the devices hang off; offline (nobody runs lava-worker here), so the
-- instance's scheduler leaves the data set alone.
INSERT INTO lava_scheduler_app_worker (hostname, description, health, state, last_ping, job_limit,
                                       version, master_version_notified, token)
SELECT format('lava-worker-%s.lab.example.org', lpad(i::text, 2, '0')),
       format('rack %s, %s devices', 1 + i / 4, 8 + (i * 7) % 9),
       CASE WHEN pg_temp.u(i, 10) < 0.9 THEN 0 ELSE 1 END,   -- Active, Maintenance
       1,                                                     -- Offline
       :'tend'::timestamptz - make_interval(secs => pg_temp.u(i, 11) * 3600),
       0, '2023.01', '2023.01', pg_temp.hex(i, 12, 32)
FROM generate_series(1, greatest(2, round(12 * :scale))::int) i;

INSERT INTO lava_scheduler_app_architecture (name) SELECT DISTINCT arch FROM dtinfo ON CONFLICT DO NOTHING;
INSERT INTO lava_scheduler_app_bitwidth (width) VALUES (32), (64) ON CONFLICT DO NOTHING;
INSERT INTO lava_scheduler_app_processorfamily (name) VALUES ('ARM Cortex-A'), ('x86_64') ON CONFLICT DO NOTHING;

INSERT INTO lava_scheduler_app_devicetype (name, display, architecture_id, bits_id, core_count, cpu_model,
    processor_id, description, health_denominator, health_frequency, disable_health_check)
SELECT name, true, arch, bits, CASE WHEN arch = 'x86_64' THEN 4 ELSE 2 + 2 * (n % 3) END,
       NULL, CASE WHEN arch = 'x86_64' THEN 'x86_64' ELSE 'ARM Cortex-A' END,
       format('%s boards (%s, %s-bit), %s boot', name, arch, bits, family),
       0, 24, false                                           -- a health check every 24 hours
FROM dtinfo;

-- Devices: spread over the types by weight, named TYPE-NN as labs do, spread over the workers.
INSERT INTO lava_scheduler_app_device (hostname, device_version, description, device_type_id,
    last_health_report_job_id, physical_group_id, physical_owner_id, worker_host_id, health, state, is_synced)
SELECT format('%s-%s', t.name, lpad((row_number() OVER (PARTITION BY t.name ORDER BY d.i))::text, 2, '0')),
       NULL, format('%s in rack %s, slot %s', t.name, 1 + d.i % 4, 1 + d.i % 16), t.name,
       NULL, NULL, NULL,
       format('lava-worker-%s.lab.example.org', lpad((1 + d.i % greatest(2, round(12 * :scale))::int)::text, 2, '0')),
       CASE WHEN pg_temp.u(d.i, 21) < 0.80 THEN 0   -- Good
            WHEN pg_temp.u(d.i, 21) < 0.86 THEN 1   -- Unknown
            WHEN pg_temp.u(d.i, 21) < 0.90 THEN 3   -- Bad
            WHEN pg_temp.u(d.i, 21) < 0.95 THEN 4   -- Maintenance
            ELSE 5 END,                             -- Retired
       0,                                           -- Idle
       false
FROM generate_series(1, greatest(6, round(120 * :scale))::int) d(i)
JOIN LATERAL (SELECT name FROM (SELECT name, sum(weight) OVER (ORDER BY n) AS upto,
                                       sum(weight) OVER () AS total FROM dtinfo) w
              WHERE w.upto > pg_temp.u(d.i, 20) * w.total ORDER BY upto LIMIT 1) t ON true;

INSERT INTO lava_scheduler_app_tag (name, description)
VALUES ('usb-otg', 'USB OTG cable to the worker'), ('hdmi', 'HDMI capture attached'),
       ('sata', 'SATA disk attached'), ('audio-loopback', 'audio loopback cable'),
       ('eth-1g', 'gigabit ethernet'), ('sd-card', 'boots from SD card'), ('emmc', 'eMMC flashed'),
       ('4gb-ram', 'at least 4 GB of RAM'), ('wifi', 'WiFi access point in range'), ('can-bus', 'CAN bus loopback');

INSERT INTO lava_scheduler_app_device_tags (device_id, tag_id)
SELECT d.hostname, t.id
FROM lava_scheduler_app_device d CROSS JOIN lava_scheduler_app_tag t
WHERE pg_temp.u(hashtext(d.hostname), t.id) < 0.25;

-- A group for the jobs submitted with `visibility: {group: [lab-partners]}`
INSERT INTO auth_group (name) VALUES ('lab-partners') ON CONFLICT DO NOTHING;
INSERT INTO auth_user_groups (user_id, group_id)
SELECT u.id, g.id FROM auth_user u, auth_group g
WHERE g.name = 'lab-partners' AND u.email LIKE '%.%@%' AND pg_temp.u(u.id, 60) < 0.3;
