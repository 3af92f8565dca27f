package org.lavasoftware.deploy.dsl

import org.lavasoftware.deploy.engine.InstanceSummary
import org.lavasoftware.deploy.engine.operations.InstallOperation
import org.lavasoftware.deploy.engine.operations.Manage
import org.lavasoftware.deploy.engine.operations.RemoveOperation
import org.lavasoftware.deploy.engine.operations.ServiceOperation
import org.lavasoftware.deploy.model.InstanceName

/**
 * An instance as recipes see it: {@code instance('prod')}. Properties query the engine each time
 * they are read (no stale copies); methods run operations on the instance.
 */
class InstanceHandle {
    private final DslContext dsl
    final InstanceName instanceName

    InstanceHandle(DslContext dsl, InstanceName instanceName) {
        this.dsl = dsl
        this.instanceName = instanceName
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

    @Primitive(value = 'Installs the instance (as `install --yes`): options version, vhost, https (true, or with cert and key), dev (a user), scheduler.',
            params = ['options: version, vhost, https, cert, key, dev, scheduler (all optional)'],
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

    @Primitive(value = 'Checks each service and a request through Apache: a map with state (running, stopped or broken), programs, url and http.',
            example = "assert instance('demo').status().state == 'running'")
    Map<String, Object> status() {
        dsl.engine.queries().health(dsl.engine.existing(instanceName)).fields()
    }

    @Primitive(value = 'Finishes or undoes the interrupted operation of the instance (see `recover`).',
            example = "if (instance('demo').state == 'interrupted') instance('demo').recover()")
    void recover() {
        dsl.engine.recover(instanceName)
    }

    private InstanceSummary lookUpSummary() {
        InstanceSummary found = dsl.engine.list().find { it.name() == name }
        found ?: new InstanceSummary(name, 'unknown', 'missing', 'none', null)
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
