package org.lavasoftware.deploy.engine;

/**
 * A long piece of work being advanced; shown as a bar on a terminal, as lines otherwise. Parallel
 * workers advance one progress together: implementations are thread-safe.
 */
public interface Progress extends AutoCloseable {
    void advance(long units);

    @Override
    void close();

    Progress NONE = new Progress() {
        @Override
        public void advance(long units) {
        }

        @Override
        public void close() {
        }
    };
}
