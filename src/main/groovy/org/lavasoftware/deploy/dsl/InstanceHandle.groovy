package org.lavasoftware.deploy.dsl

import org.lavasoftware.deploy.engine.InstanceSummary
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

    @Primitive(value = 'Finishes or undoes the interrupted operation of the instance (see `recover`).',
            example = "if (instance('demo').state == 'interrupted') instance('demo').recover()")
    void recover() {
        dsl.engine.recover(instanceName)
    }

    private InstanceSummary lookUpSummary() {
        InstanceSummary found = dsl.engine.list().find { it.name() == name }
        found ?: new InstanceSummary(name, 'unknown', 'none', 'missing')
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
