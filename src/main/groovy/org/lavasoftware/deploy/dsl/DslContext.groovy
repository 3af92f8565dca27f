package org.lavasoftware.deploy.dsl

import org.lavasoftware.deploy.engine.Engine

/**
 * What every script of one run shares: the engine (swapped for a dry-run one inside
 * {@code dryRun { }}), the parameters given on the command line, the extensions registered by
 * scripts in the dsl directories, and where output goes.
 */
class DslContext {
    Engine engine
    final Map<String, String> params
    final DslRegistry registry = new DslRegistry()
    final PrintStream out

    DslContext(Engine engine, Map<String, String> params, PrintStream out) {
        this.engine = engine
        this.params = params
        this.out = out
    }

    /** Runs {@code body} with the engine in dry-run mode; operations inside print their plans. */
    def <T> T dryRun(Closure<T> body) {
        Engine saved = engine
        engine = saved.withDryRun(true)
        try {
            body.call()
        } finally {
            engine = saved
        }
    }
}
