package org.lavasoftware.deploy.dsl

/**
 * The hook primitives of extension scripts: blocks the engine runs before and after each
 * operation on an instance, from the command line, the shell and recipes alike (see
 * {@link DslHooks}). A base class of {@link LavaScript}, to keep that one about actions.
 */
abstract class HookPrimitives extends Script {
    abstract DslContext getDslContext()

    @Primitive(value = 'Runs the block before an instance is installed, whichever face started it, with the instance as its subject; a failure stops the install before it starts (for dsl-scripts).',
            params = ['body: what to do; its argument is the instance'],
            example = "beforeInstall { println \"installing \$name\" }")
    void beforeInstall(Closure body) {
        hook('before', 'install', body)
    }

    @Primitive(value = 'Runs the block after an instance is installed, whichever face started it, with the instance as its subject; a failure is reported, the install itself being done (for dsl-scripts).',
            params = ['body: what to do; its argument is the instance'],
            example = "afterInstall { manage('createsuperuser', '--noinput', '--username', 'admin', '--email', 'admin@example.org') }")
    void afterInstall(Closure body) {
        hook('after', 'install', body)
    }

    @Primitive(value = 'Runs the block before an instance is upgraded (upgrade already takes its own snapshot unless told not to), whichever face started it, with the instance as its subject; a failure stops the upgrade before it starts (for dsl-scripts).',
            params = ['body: what to do; its argument is the instance'],
            example = "beforeUpgrade { assert verify('latest') }")
    void beforeUpgrade(Closure body) {
        hook('before', 'upgrade', body)
    }

    @Primitive(value = 'Runs the block after an instance is upgraded (upgrade already takes its own snapshot unless told not to), whichever face started it, with the instance as its subject; a failure is reported, the upgrade itself being done (for dsl-scripts).',
            params = ['body: what to do; its argument is the instance'],
            example = "afterUpgrade { println \"\$name now runs \$revision\" }")
    void afterUpgrade(Closure body) {
        hook('after', 'upgrade', body)
    }

    @Primitive(value = 'Runs the block before an instance is backed up, whichever face started it, with the instance as its subject; a failure stops the backup before it starts (for dsl-scripts).',
            params = ['body: what to do; its argument is the instance'],
            example = "beforeBackup { println \"backing up \$name\" }")
    void beforeBackup(Closure body) {
        hook('before', 'backup', body)
    }

    @Primitive(value = 'Runs the block after an instance is backed up, whichever face started it, with the instance as its subject; a failure is reported, the backup itself being done (for dsl-scripts).',
            params = ['body: what to do; its argument is the instance'],
            example = "afterBackup { println \"\$name: \${snapshots().last().id}\" }")
    void afterBackup(Closure body) {
        hook('after', 'backup', body)
    }

    @Primitive(value = 'Runs the block before a snapshot is restored into an instance (restore and restore-db), whichever face started it, with the instance as its subject; a failure stops the restore before it starts (for dsl-scripts).',
            params = ['body: what to do; its argument is the instance'],
            example = "beforeRestore { backup() }")
    void beforeRestore(Closure body) {
        hook('before', 'restore', body)
    }

    @Primitive(value = 'Runs the block after a snapshot is restored into an instance (restore and restore-db), whichever face started it, with the instance as its subject; a failure is reported, the restore itself being done (for dsl-scripts).',
            params = ['body: what to do; its argument is the instance'],
            example = "afterRestore { println manage('check') }")
    void afterRestore(Closure body) {
        hook('after', 'restore', body)
    }

    @Primitive(value = 'Runs the block before an instance is switched between vhost and location (toggle; toggle_all is one operation on every instance and runs no instance hooks), whichever face started it, with the instance as its subject; a failure stops the toggle before it starts (for dsl-scripts).',
            params = ['body: what to do; its argument is the instance'],
            example = "beforeToggle { println \"\$name leaves \$mode\" }")
    void beforeToggle(Closure body) {
        hook('before', 'toggle', body)
    }

    @Primitive(value = 'Runs the block after an instance is switched between vhost and location (toggle; toggle_all is one operation on every instance and runs no instance hooks), whichever face started it, with the instance as its subject; a failure is reported, the toggle itself being done (for dsl-scripts).',
            params = ['body: what to do; its argument is the instance'],
            example = "afterToggle { println \"\$name is at \$url\" }")
    void afterToggle(Closure body) {
        hook('after', 'toggle', body)
    }

    @Primitive(value = 'Runs the block before an instance is removed, whichever face started it, with the instance as its subject; a failure stops the remove before it starts (for dsl-scripts).',
            params = ['body: what to do; its argument is the instance'],
            example = "beforeRemove { backup() }")
    void beforeRemove(Closure body) {
        hook('before', 'remove', body)
    }

    @Primitive(value = 'Runs the block after an instance is removed, whichever face started it, with the instance as its subject; a failure is reported, the remove itself being done (for dsl-scripts).',
            params = ['body: what to do; its argument is the instance'],
            example = "afterRemove { println \"\$name is gone\" }")
    void afterRemove(Closure body) {
        hook('after', 'remove', body)
    }

    private void hook(String when, String kind, Closure body) {
        getDslContext().registry.addHook(when, kind, body)
    }
}
