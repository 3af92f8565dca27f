package org.lavasoftware.deploy.dsl

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.engine.operations.devices.DeviceSettings
import org.lavasoftware.deploy.engine.operations.devices.Devices
import org.lavasoftware.deploy.engine.operations.jobs.Jobs
import org.lavasoftware.deploy.engine.operations.jobs.SmokeCheck
import org.lavasoftware.deploy.model.InstanceName
import org.lavasoftware.deploy.text.Mappers

/**
 * The primitives of an instance that concern its jobs: its workers, its devices, jobs submitted
 * and followed, the smoke check. {@link InstanceHandle} is this with the rest.
 */
abstract class InstanceLab {
    protected final DslContext dsl
    final InstanceName instanceName

    protected InstanceLab(DslContext dsl, InstanceName instanceName) {
        this.dsl = dsl
        this.instanceName = instanceName
    }

    @Primitive(value = 'The instance\'s workers (as `worker list`): maps with name, state (Online or Offline), health, version and last ping.',
            example = "assert instance('demo').workers().any { it.state == 'Online' }")
    List<Map<String, Object>> workers() {
        Devices.workers(dsl.engine, instanceName)*.fields()
    }

    @Primitive(value = 'The instance\'s devices (as `device list`): maps with name, type, worker, state (Idle, Reserved, Running), health (Good, Unknown, Maintenance, ...) and job (the one it runs, or null).',
            example = "instance('demo').devices().findAll { it.health != 'Good' }.each { println it.name }")
    List<Map<String, Object>> devices() {
        Devices.list(dsl.engine, instanceName)*.fields()
    }

    @Primitive(value = 'Adds a device (as `device add`): options type (required), dict (its dictionary file; without it a qemu device gets one that works on this machine), worker (default the local worker). It starts with health Unknown, so that its type\'s health check runs before its first job. Returns the device as devices() shows it (null in a dry run).',
            params = ['name: the device', 'options: type (required), dict, worker'],
            example = "instance('demo').device('qemu-01', type: 'qemu')")
    Map<String, Object> device(Map options, String name) {
        DslOptions.refuseUnknown('device', options, ['type', 'dict', 'worker'])
        def settings = new DeviceSettings(instanceName, name, options.type?.toString(),
                options.dict ? Path.of(options.dict.toString()).toAbsolutePath() : null, options.worker?.toString())
        Devices.add(dsl.engine, settings).map { it.fields() }.orElse(null)
    }

    @Primitive(value = 'Removes a device (as `device remove`): deleted when no job ran on it, else retired. Returns removed, retired or planned (in a dry run).',
            params = ['name: the device'],
            example = "instance('demo').removeDevice('qemu-02')")
    String removeDevice(String name) {
        Devices.remove(dsl.engine, instanceName, name)
    }

    @Primitive(value = 'Sets a device\'s health (as `device health`): good, unknown (its health check first), maintenance, bad, looping or retired. Returns the device as devices() shows it (null in a dry run).',
            params = ['name: the device', 'health: good, unknown, maintenance, bad, looping or retired'],
            example = "instance('demo').deviceHealth('qemu-01', 'good')")
    Map<String, Object> deviceHealth(String name, String health) {
        Devices.health(dsl.engine, instanceName, name, health).map { it.fields() }.orElse(null)
    }

    @Primitive(value = 'Submits a job through the instance\'s API: a job file\'s path, its YAML text, or a map of the definition. Returns the job: id, url, state and health (asked each time), wait(timeout) (seconds, a Duration or minutes:/seconds:; default 15 minutes, then the job is canceled), and once it ended passed (Complete, every test case pass), duration (s), device, results (maps with suite, name, result) and log. A job LAVA refuses is an error naming why. In a dry run nothing is submitted: null.',
            params = ['definition: a file path, YAML text, or a map'],
            example = "def job = instance('demo').submit('jobs/smoke.yaml')?.wait(minutes: 10)\nif (job) println \"\${job.health}: \${job.results.findAll { it.result != 'pass' }*.name}\"")
    JobHandle submit(Object definition) {
        String text = definitionText(definition)
        if (dsl.engine.isDryRun()) {
            dsl.engine.reporter().info("would submit a job to ${instanceName} (${text.readLines().size()} lines of YAML)")
            return null
        }
        int id = Jobs.with(dsl.engine, instanceName) { it.submit(text) }
        new JobHandle(dsl, instanceName, id)
    }

    @Primitive(value = 'Runs the smoke job on a QEMU device of the local worker (as `check`) and returns how it went: a map with id, url, state, health, device, seconds, passed and results; null in a dry run.',
            params = ['options: timeout (minutes, default 15)'],
            example = "assert instance('demo').check().passed")
    Map<String, Object> check(Map options = [:]) {
        DslOptions.refuseUnknown('check', options, ['timeout'])
        SmokeCheck.run(dsl.engine, instanceName, options.timeout ? Duration.ofMinutes(options.timeout as long) : SmokeCheck.LIMIT)?.fields()
    }

    /** A map is the definition; a text of several lines is its YAML; anything else names its file. */
    private static String definitionText(Object definition) {
        if (definition instanceof Map) {
            return Mappers.yaml(definition)
        }
        if (definition instanceof File) {
            return read(definition.toPath())
        }
        String given = definition?.toString()
        if (given == null || given.isBlank()) {
            throw ToolException.badInput('submit needs a job: a file, its YAML text, or a map')
        }
        given.contains('\n') ? given : read(Path.of(given))
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw ToolException.badInput("no job file ${file.toAbsolutePath()}; give a file, the job's YAML text, or a map")
        }
        Files.readString(file)
    }
}
