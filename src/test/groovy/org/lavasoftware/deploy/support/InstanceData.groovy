package org.lavasoftware.deploy.support

import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

/** Data in a real instance, for specs that must show it comes back exactly. */
class InstanceData {
    final Path root
    final String name

    InstanceData(Path root, String name) {
        this.root = root
        this.name = name
    }

    Path media() {
        root.resolve("instances/${name}/var/lib/lava-server/media")
    }

    /** Runs Python in the instance's Django (manage shell -c), through the real launcher. */
    String django(String code) {
        def run = FreshCheckout.run(['--root', root.toString(), 'manage', name, 'shell', '-c', code])
        assert run.status == 0: run
        run.out.trim()
    }

    /** One row per line of a query on the instance's database, as postgres. */
    List<String> sql(String query) {
        def r = MachineState.run('runuser', '-u', 'postgres', '--', 'psql', '-X', '-At', '-d', "lava-${name}".toString(), '-c', query)
        assert r.status == 0: r.out
        r.out.readLines().findAll { it }
    }

    List<String> users() {
        sql('SELECT username FROM auth_user ORDER BY username')
    }

    /** A job running on a device in good health: what a restore must not leave believing it still runs. */
    void addRunningJob() {
        django('''
from django.contrib.auth.models import User
from lava_scheduler_app.models import DeviceType, Device, Worker, TestJob
dt, _ = DeviceType.objects.get_or_create(name='qemu')
w, _ = Worker.objects.get_or_create(hostname='worker-1')
d = Device.objects.create(hostname='qemu-01', device_type=dt, worker_host=w, health=Device.HEALTH_GOOD, state=Device.STATE_RUNNING)
TestJob.objects.create(definition='job_name: long', submitter=User.objects.get(username='alice'),
                       requested_device_type=dt, actual_device=d, state=TestJob.STATE_RUNNING)
''')
    }

    /** Media files as LAVA writes them, owned by the instance's user. */
    void addMedia(String relative, String content) {
        Path file = media().resolve(relative)
        Files.createDirectories(file.parent)
        Files.writeString(file, content)
        MachineState.run('chown', '-R', "lava-${name}:lava-${name}".toString(), media().resolve('job-output').toString())
    }

    /** Every media file's path and SHA-256: equal when the media are the same. */
    String mediaChecksum() {
        def digest = MessageDigest.getInstance('SHA-256')
        Files.walk(media()).withCloseable { s ->
            s.filter { Files.isRegularFile(it) }.sorted().forEach { f ->
                digest.update(media().relativize(f).toString().bytes)
                digest.update(Files.readAllBytes(f))
            }
        }
        digest.digest().encodeHex().toString()
    }
}
