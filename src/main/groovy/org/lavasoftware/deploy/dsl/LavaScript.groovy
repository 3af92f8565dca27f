package org.lavasoftware.deploy.dsl

import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.engine.operations.SetupOperation
import org.lavasoftware.deploy.engine.operations.schedule.BackupSchedule
import org.lavasoftware.deploy.engine.operations.web.WebModes
import org.lavasoftware.deploy.model.InstanceName
import org.lavasoftware.deploy.model.WebMode

/**
 * The base class of every {@code .lava} recipe, extension script and shell line: its methods are
 * the DSL's primitives. Each is a thin translation into the engine.
 */
abstract class LavaScript extends HookPrimitives {
    /** Set by the runtime before the script runs. */
    DslContext dslContext

    @Primitive(value = 'The instance called NAME, to query or act on; it need not exist yet (install).',
            params = ['name: the instance name'],
            example = "println instance('demo').revision")
    InstanceHandle instance(String name) {
        new InstanceHandle(dslContext, InstanceName.of(name))
    }

    @Primitive(value = 'Runs the block with the instance as its subject: `backup()` in it means that instance\'s backup.',
            params = ['name: the instance name', 'body: the block'],
            example = "instance('demo') { println revision }")
    def instance(String name, @DelegatesTo(value = InstanceHandle, strategy = Closure.DELEGATE_FIRST) Closure body) {
        InstanceHandle handle = instance(name)
        Closure copy = (Closure) body.clone()
        copy.delegate = handle
        copy.resolveStrategy = Closure.DELEGATE_FIRST
        copy.call(handle)
    }

    @Primitive(value = 'Every instance under the root, in name order.',
            example = "instances().each { println \"\${it.name}: \${it.state}\" }")
    List<InstanceHandle> instances() {
        dslContext.engine.list().collect { new InstanceHandle(dslContext, InstanceName.of(it.name())) }
    }

    @Primitive(value = 'Prepares the machine for instances (packages, PostgreSQL, Apache, supervisord), as `setup` does; safe to run again.',
            example = "setup()")
    void setup() {
        setup(null)
    }

    @Primitive(value = 'As setup(), installing the dependencies of the given lava-server Debian version.',
            params = ['version: the lava-server Debian version'],
            example = "setup('2023.01-2')")
    void setup(String version) {
        dslContext.engine.execute(new SetupOperation(version))
    }

    @Primitive(value = 'Schedules the nightly backup of every instance (recipes/nightly-backup.lava keep=N, as root): a systemd timer and service where systemd is the init, else a file in /etc/cron.d; writing it again replaces it. Options: keep (default 7), at (HH:MM, default 02:30), using (auto, systemd or cron), unit (the file name, default lava-backup), systemdDir, cronDir. Returns a map with using, files and at.',
            params = ['options: keep, at, using, unit, systemdDir, cronDir (all optional)'],
            example = "println scheduleBackup(keep: 14, at: '03:00').files")
    Map<String, Object> scheduleBackup(Map options = [:]) {
        DslOptions.refuseUnknown('scheduleBackup', options, ['keep', 'at', 'using', 'unit', 'systemdDir', 'cronDir'])
        new BackupSchedule(dslContext.engine, BackupSchedule.settings(options)).apply()
    }

    @Primitive(value = 'Switches every instance to vhost or location (as `toggle_all`), reloading Apache once; returns a map per instance: name, result (switched, already, failed or skipped), mode, url, reason. An instance that could not be switched is left as it was.',
            params = ['mode: vhost or location'],
            example = "toggleAll('location').findAll { it.result == 'failed' }.each { println \"\${it.name}: \${it.reason}\" }")
    List<Map<String, Object>> toggleAll(String mode) {
        WebModes.toggleAll(dslContext.engine, WebMode.parse(mode))*.fields()
    }

    @Primitive(value = 'Asks a yes/no question and stops the recipe unless the answer is yes; `--yes` answers yes.',
            params = ['question: what to ask'],
            example = "confirm 'Upgrade every instance?'")
    boolean confirm(String question) {
        if (!dslContext.engine.prompter().confirm(question)) {
            throw ToolException.failed("stopped: the answer to '${question}' was no; nothing more was done")
        }
        true
    }

    @Primitive(value = 'Stops the recipe as a failure: the message is printed as its one-line error, naming the recipe\'s line, and the exit status is 1 (for cron and systemd timers).',
            params = ['message: what failed, and what to do'],
            example = "if (!instance('demo').verify('latest')) fail 'the latest backup of demo is damaged; back it up again'")
    void fail(String message) {
        throw ToolException.failed(message)
    }

    @Primitive(value = 'Whether operations only print their plans (--dry-run, or inside dryRun { }): a recipe can say what it would do.',
            example = "if (dryRunning) println 'nothing will change'")
    boolean getDryRunning() {
        dslContext.engine.isDryRun()
    }

    @Primitive(value = 'Runs the block as a dry run: operations in it print their plans and change nothing.',
            params = ['body: the block'],
            example = "dryRun { instance('demo') { println state } }")
    def dryRun(Closure body) {
        dslContext.dryRun(body)
    }

    @Primitive(value = 'The value of a recipe parameter given as key=value after the recipe\'s name; an error naming the parameter when it was not given.',
            params = ['name: the parameter'],
            example = "def target = param('name')")
    String param(String name) {
        String value = dslContext.params[name]
        if (value == null) {
            throw ToolException.badInput("parameter '${name}' is not set: pass ${name}=VALUE after the recipe's name")
        }
        value
    }

    @Primitive(value = 'The value of a recipe parameter, or the default when it was not given.',
            params = ['name: the parameter', 'fallback: the default value'],
            example = "int keep = param('keep', '7') as int")
    String param(String name, Object fallback) {
        dslContext.params.containsKey(name) ? dslContext.params[name] : fallback?.toString()
    }

    @Primitive(value = 'Adds a primitive to the DSL, callable from every recipe and the shell (for dsl-scripts).',
            params = ['name: the new primitive', 'body: what it does; its parameters are the call\'s arguments'],
            example = "primitive('hello') { String who -> println \"hello \$who\" }")
    void primitive(String name, Closure body) {
        refuseBuiltIn(name, DslReference.scriptPrimitives())
        dslContext.registry.addScriptPrimitive(name, body)
    }

    @Primitive(value = 'Adds a primitive to every instance, run with the instance as its delegate (for dsl-scripts).',
            params = ['name: the new primitive', 'body: what it does'],
            example = "instancePrimitive('describe') { -> \"\$name on \$revision\" }")
    void instancePrimitive(String name, Closure body) {
        refuseBuiltIn(name, DslReference.instancePrimitives())
        dslContext.registry.addInstancePrimitive(name, body)
    }

    private static void refuseBuiltIn(String name, List<DslReference.Entry> builtIns) {
        if (builtIns.any { it.name == name }) {
            throw ToolException.badInput("'${name}' is a built-in primitive; give the extension another name")
        }
    }

    def methodMissing(String name, Object args) {
        Closure extension = dslContext?.registry?.scriptPrimitive(name)
        if (extension == null) {
            throw new MissingMethodException(name, getClass(), args as Object[])
        }
        DslRegistry.invoke(extension, this, args)
    }
}
