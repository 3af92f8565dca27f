package org.lavasoftware.deploy.engine;

/**
 * What runs before and after an operation on an instance: the site's hooks, written in the DSL
 * ({@code beforeRemove { backup() }}). A port, so that the engine knows nothing of Groovy: every
 * face gets its engine with the hooks of the extension scripts, and they run here, in one place.
 *
 * <p>Hooks run outside the instance's lock (a hook may act on the instance itself) and also in a
 * dry run, where their operations print their plans too. A hook that fails stops the operation
 * before it starts (before) or makes it report failure although it is done (after).
 */
public interface OperationHooks {
    OperationHooks NONE = new OperationHooks() {
        @Override
        public void before(Operation operation, Engine engine) {
        }

        @Override
        public void after(Operation operation, Engine engine) {
        }
    };

    /** {@code engine}: the engine running the operation (a dry-run one, in a dry run). */
    void before(Operation operation, Engine engine);

    void after(Operation operation, Engine engine);
}
