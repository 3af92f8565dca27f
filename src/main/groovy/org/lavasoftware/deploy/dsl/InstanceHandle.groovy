package org.lavasoftware.deploy.dsl

import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.engine.InstanceSummary
import org.lavasoftware.deploy.engine.Progress
import org.lavasoftware.deploy.engine.operations.backup.BackupOperation
import org.lavasoftware.deploy.engine.operations.convert.ConvertOnCopy
import org.lavasoftware.deploy.engine.operations.convert.ConvertOperation
import org.lavasoftware.deploy.engine.operations.convert.ConvertTarget
import org.lavasoftware.deploy.engine.operations.restore.RestoreOperation
import org.lavasoftware.deploy.engine.operations.upgrade.RollbackOperation
import org.lavasoftware.deploy.engine.operations.upgrade.UpgradeOperation
import org.lavasoftware.deploy.engine.operations.upgrade.UpgradeTarget
import org.lavasoftware.deploy.snapshot.SnapshotResolver
import org.lavasoftware.deploy.snapshot.SnapshotVerifier
import org.lavasoftware.deploy.snapshot.Snapshots
import org.lavasoftware.deploy.engine.operations.InstallOperation
import org.lavasoftware.deploy.engine.operations.Manage
import org.lavasoftware.deploy.engine.operations.RemoveOperation
import org.lavasoftware.deploy.engine.operations.ServiceOperation
import org.lavasoftware.deploy.engine.operations.Superuser
import org.lavasoftware.deploy.engine.operations.web.WebModes
import org.lavasoftware.deploy.model.InstanceName
import org.lavasoftware.deploy.model.WebMode

/**
 * An instance as recipes see it: {@code instance('prod')}. Properties query the engine each time
 * they are read (no stale copies); methods run operations on the instance.
 */
class InstanceHandle extends InstanceLab {
    InstanceHandle(DslContext dsl, InstanceName instanceName) {
        super(dsl, instanceName)
    }

    String getName() {
        instanceName.value()
    }

    @Primitive(value = 'Whether the instance exists under the root.',
            example = "if (!instance('demo').exists()) println 'no demo yet'")
    boolean exists() {
        dsl.engine.root().instance(instanceName).exists()
    }

    @Primitive(value = 'The instance\'s settings from its instance.conf (LAVA_* keys), as a map.',
            example = "println instance('demo').config.LAVA_APACHE_VHOST")
    Map<String, String> getConfig() {
        dsl.engine.config(instanceName).asMap()
    }

    @Primitive(value = 'The code revision in use (the directory code/current points at).',
            example = "println instance('demo').revision")
    String getRevision() {
        lookUpSummary().revision()
    }

    @Primitive(value = 'The revision of the code source that code/current was built from: the revision without its build suffix (2023.01-2 for 2023.01-2+bo1a2b3c4d), what an upgrade to a new build of the same code asks for.',
            example = "println instance('demo').sourceRevision")
    String getSourceRevision() {
        revision?.replaceFirst(/\+bo[0-9A-Za-z]+$/, '')
    }

    @Primitive(value = 'The instance\'s directory (ROOT/instances/NAME), where instance.conf and a custom.cfg live.',
            example = "println instance('demo').directory")
    String getDirectory() {
        dsl.engine.root().instance(instanceName).dir().toString()
    }

    @Primitive(value = 'How the instance is served: vhost, location or unknown.',
            example = "println instance('demo').mode")
    String getMode() {
        lookUpSummary().webMode()
    }

    @Primitive(value = 'The instance\'s state as `list` shows it.',
            example = "println instance('demo').state")
    String getState() {
        lookUpSummary().state()
    }

    @Primitive(value = 'The URL the instance is served at, or null when it has no web part.',
            example = "println instance('demo').url")
    String getUrl() {
        lookUpSummary().url()
    }

    @Primitive(value = 'Installs the instance (as `install --yes`): options source (LAVA_SERVER_BRANCH), version, vhost, https (true, or with cert and key), dev (a user), scheduler, buildout (LAVA_BUILDOUT_CFG), worker (default true: a local lava-worker beside the server).',
            params = ['options: source, version, vhost, https, cert, key, dev, scheduler, buildout, worker (all optional)'],
            example = "instance('demo').install(vhost: 'demo.example.org', https: true)")
    void install(Map options = [:]) {
        dsl.engine.execute(new InstallOperation(InstallOptions.settings(dsl.engine.root(), instanceName, options)))
    }

    @Primitive(value = 'Removes the instance and all its data (its backups stay); asks for DESTROY unless --yes.',
            example = "instance('scratch').remove()")
    void remove() {
        dsl.engine.execute(new RemoveOperation(instanceName))
    }

    @Primitive(value = 'Runs `lava-server manage ARGS` as the instance\'s user and returns what it printed.',
            params = ['args: the management command and its arguments'],
            example = "println instance('demo').manage('users', 'list')")
    String manage(String... args) {
        Manage.capture(dsl.engine, instanceName, args.toList())
    }

    @Primitive(value = 'Starts the instance\'s services.', example = "instance('demo').start()")
    void start() {
        dsl.engine.execute(new ServiceOperation(instanceName, ServiceOperation.Action.START))
    }

    @Primitive(value = 'Stops the instance\'s services.', example = "instance('demo').stop()")
    void stop() {
        dsl.engine.execute(new ServiceOperation(instanceName, ServiceOperation.Action.STOP))
    }

    @Primitive(value = 'Restarts the instance\'s services.', example = "instance('demo').restart()")
    void restart() {
        dsl.engine.execute(new ServiceOperation(instanceName, ServiceOperation.Action.RESTART))
    }

    @Primitive(value = 'Switches how Apache serves the instance (as `toggle`): vhost (its own virtual host) or location (http://HOST/NAME/ on the default site); nothing changes when it is served so already. Returns a map with name, result (switched or already), mode, url.',
            params = ['mode: vhost or location'],
            example = "println instance('lab').toggle('location').url")
    Map<String, Object> toggle(String mode) {
        WebModes.toggle(dsl.engine, instanceName, WebMode.parse(mode)).fields()
    }

    @Primitive(value = 'Checks each service and a request through Apache: a map with state (running, stopped or broken), programs, url and http.',
            example = "assert instance('demo').status().state == 'running'")
    Map<String, Object> status() {
        dsl.engine.queries().health(dsl.engine.existing(instanceName)).fields()
    }

    @Primitive(value = 'Backs the instance up (as `backup`): a snapshot whose media hold only what changed since the previous one; returns its id (null in a dry run, where nothing is made).',
            params = ['options: full (copy all the media)'],
            example = "def id = instance('demo').backup()")
    String backup(Map options = [:]) {
        dsl.engine.execute(new BackupOperation(instanceName, options.full as boolean))
        if (dsl.engine.isDryRun()) {
            return null
        }
        Snapshots.of(dsl.engine.root(), instanceName, {}).latest().map { it.toString() }.orElse(null)
    }

    @Primitive(value = 'Restores a snapshot into the instance (as `restore`): from an id, latest, other/id, other/latest or a path; options stop, asIs, neutralize.',
            params = ['options: from (required), stop, asIs, neutralize'],
            example = "instance('staging').restore(from: 'prod/latest', stop: true, neutralize: true)")
    void restore(Map options) {
        dsl.engine.execute(new RestoreOperation(RestoreOptions.settings(dsl.engine.root(), instanceName, options, false)))
    }

    @Primitive(value = 'Restores only the database of a snapshot (as `restore-db`); options as restore().',
            params = ['options: from (required), stop, asIs, neutralize'],
            example = "instance('demo').restoreDb(from: 'latest', stop: true)")
    void restoreDb(Map options) {
        dsl.engine.execute(new RestoreOperation(RestoreOptions.settings(dsl.engine.root(), instanceName, options, true)))
    }

    @Primitive(value = 'The instance\'s snapshots, oldest first: maps with id, bytes, newBytes, kind and latest.',
            example = "instance('demo').snapshots().each { println it.id }")
    List<Map<String, Object>> snapshots() {
        Snapshots.of(dsl.engine.root(), instanceName, {}).list().collect {
            [id: it.id().toString(), bytes: it.bytes(), newBytes: it.newBytes(), kind: it.kind(), latest: it.latest()]
        }
    }

    @Primitive(value = 'Re-reads every file of a snapshot against its manifest; true when all is as written.',
            params = ['snapshot: an id, latest, other/id or a path'],
            example = "assert instance('demo').verify('latest')")
    boolean verify(String snapshot) {
        def found = SnapshotResolver.of(dsl.engine.root(), instanceName).resolve(snapshot)
        !found.isClassic() && new SnapshotVerifier(SnapshotVerifier.Depth.FULL, true).verify(found.dir(), Progress.NONE).ok()
    }

    @Primitive(value = 'Removes all but the newest N snapshots (never the latest); returns the ids removed.',
            params = ['options: keep (required)'],
            example = "instance('demo').prune(keep: 7)")
    List<String> prune(Map options) {
        if (!(options.keep instanceof Number) || (options.keep as int) < 1) {
            throw ToolException.badInput('prune needs keep: N, with N at least 1')
        }
        dsl.engine.prune(instanceName, options.keep as int)
    }

    @Primitive(value = 'Upgrades the instance to a revision of its code source (as `upgrade`); null for the newest. Options: backup (default true), keep (default 3), buildout (LAVA_BUILDOUT_CFG for this upgrade and after, as `LAVA_BUILDOUT_CFG=... upgrade`: a changed config is a new build of the same revision), jobCheck (default true: with a QEMU device on the local worker, the smoke job must pass on the new revision, else the upgrade is undone).',
            params = ['revno: the revision, or null for the newest', 'options: backup, keep, buildout, jobCheck'],
            example = "instance('demo').upgrade(instance('demo').sourceRevision, [buildout: '../../custom.cfg'])")
    void upgrade(String revno = null, Map options = [:]) {
        DslOptions.refuseUnknown('upgrade', options, ['backup', 'keep', 'buildout', 'jobCheck'])
        def settings = UpgradeTarget.resolve(dsl.engine, instanceName, revno, null, options.buildout?.toString(),
                options.containsKey('backup') ? options.backup as boolean : true, (options.keep ?: 3) as int)
        boolean jobCheck = options.containsKey('jobCheck') ? options.jobCheck as boolean : true
        settings.ifPresent { dsl.engine.execute(new UpgradeOperation(it.withJobCheck(it.jobCheck() && jobCheck))) }
    }

    @Primitive(value = 'The instance\'s buildout config as resolved for code/current (as `buildout`): a map with config, files, parts, eggs, develop and pins (each entry with `from`, the file:line it came from), scheduler and built; config is null when the tree is deployed as it is.',
            example = "instance('demo').buildout().eggs.each { println it.egg + ' from ' + it.from }")
    Map buildout() {
        dsl.engine.buildout(instanceName)
    }

    @Primitive(value = 'As buildout(), for the config that LAVA_BUILDOUT_CFG=SETTING would name (relative to code/current, ../../X.cfg is the instance\'s directory); nothing is stored.',
            params = ['setting: a LAVA_BUILDOUT_CFG value'],
            example = "println instance('demo').buildout('../../custom.cfg').eggs*.egg")
    Map buildout(String setting) {
        dsl.engine.buildout(instanceName, setting)
    }

    @Primitive(value = 'The version each egg of the config LAVA_BUILDOUT_CFG=SETTING resolves to in code/current\'s environment, as a build\'s check would find it, without building: egg to version (what a production config pins). An egg not found is an error, as in the check.',
            params = ['setting: a LAVA_BUILDOUT_CFG value (../../X.cfg is the instance\'s directory)'],
            example = "instance('demo').versions('../../lava.cfg').each { egg, version -> println \"\${egg} = \${version}\" }")
    Map<String, String> versions(String setting) {
        dsl.engine.resolveVersions(instanceName, setting)
    }

    @Primitive(value = 'Runs the instance on a LAVA branch directory (as `develop`): it becomes a revision, built like the others, and is switched to; rollback() goes back. Options: backup (default true), buildout (LAVA_BUILDOUT_CFG, as for upgrade).',
            params = ['path: the branch directory', 'options: backup, buildout'],
            example = "instance('demo').develop('/home/me/lava')")
    void develop(String path, Map options = [:]) {
        DslOptions.refuseUnknown('develop', options, ['backup', 'buildout'])
        def settings = UpgradeTarget.develop(dsl.engine, instanceName, java.nio.file.Path.of(path), options.buildout?.toString(),
                options.containsKey('backup') ? options.backup as boolean : true)
        settings.ifPresent { dsl.engine.execute(new UpgradeOperation(it)) }
    }

    @Primitive(value = 'Converts a pip-based instance (a virtualenv at its root) to the code/REV layout (as `convert`): pip freeze recorded in last-pip-installed-versions.txt, what the target config would drop packed for an offline build and added back by a custom.cfg extending it, an upgrade to that build, the venv removed once the page answers. Options: revno (default the newest), config (the config custom.cfg extends, relative to the instance\'s directory or absolute; default lava.cfg, describing Debian\'s tree), backup (default true), onCopy (true or the copy\'s name: NAME-copy by default; the instance is copied into a new pip-based instance, from a snapshot restored neutralized, and the copy converted, the instance only read), vhost (the copy\'s virtual host). Returns the venv\'s packages: maps with name, version, fate (lava, target, system, readd, develop), dropped, app and description; in a dry run too, where only the plan is printed.',
            params = ['options: revno, config, backup, onCopy, vhost'],
            example = "instance('old').convertFromPip(onCopy: 'old-test').findAll { it.dropped }.each { println it.description }")
    List<Map<String, Object>> convertFromPip(Map options = [:]) {
        DslOptions.refuseUnknown('convertFromPip', options, ['revno', 'config', 'backup', 'onCopy', 'vhost'])
        def onCopy = options.onCopy
        if (onCopy || options.vhost) {
            if (options.containsKey('backup') && !(options.backup as boolean)) {
                throw ToolException.badInput('convertFromPip: backup: false and onCopy exclude each other: the copy is made from a snapshot')
            }
            String copy = onCopy instanceof CharSequence ? onCopy.toString() : null
            return ConvertOnCopy.run(dsl.engine, instanceName, copy, options.vhost?.toString(), options.revno?.toString(),
                    options.config?.toString()).packages()
        }
        dsl.engine.refuseIfInterrupted(instanceName)
        def decided = ConvertTarget.resolve(dsl.engine, instanceName, options.revno?.toString(), options.config?.toString(),
                options.containsKey('backup') ? options.backup as boolean : true)
        dsl.engine.execute(new ConvertOperation(decided.settings()))
        decided.packages()
    }

    @Primitive(value = 'Returns the instance to its previous revision, or a named kept one (as `rollback`).',
            params = ['revno: a kept revision, or none for the previous one'],
            example = "instance('demo').rollback()")
    void rollback(String revno = null) {
        String target = revno ?: RollbackOperation.previous(dsl.engine.existing(instanceName))
        dsl.engine.execute(new RollbackOperation(instanceName, target))
    }

    @Primitive(value = 'Makes USER a superuser of the instance (an existing user is promoted and given the password): through `lava-server manage shell`, with the password on its standard input, never in an argument list or a log. Returns created or updated (would-create in a dry run).',
            params = ['options: user (required), email, password (required, at least 8 characters; read it from a file or the environment, never write it in a recipe)'],
            example = "instance('demo').superuser(user: 'admin', email: 'admin@example.org', password: System.getenv('LAVA_ADMIN_PASSWORD'))")
    String superuser(Map options) {
        DslOptions.refuseUnknown('superuser', options, ['user', 'email', 'password'])
        Superuser.create(dsl.engine, instanceName, options.user?.toString(), (options.email ?: '').toString(), options.password?.toString())
    }

    @Primitive(value = 'Finishes or undoes the interrupted operation of the instance (see `recover`).',
            example = "if (instance('demo').state == 'interrupted') instance('demo').recover()")
    void recover() {
        dsl.engine.recover(instanceName)
    }

    private InstanceSummary lookUpSummary() {
        dsl.engine.summary(instanceName)
    }

    def methodMissing(String method, Object args) {
        Closure extension = dsl.registry.instancePrimitive(method)
        if (extension == null) {
            throw new MissingMethodException(method, InstanceHandle, args as Object[])
        }
        DslRegistry.invoke(extension, this, args)
    }

    @Override
    String toString() {
        "instance('${name}')"
    }
}
