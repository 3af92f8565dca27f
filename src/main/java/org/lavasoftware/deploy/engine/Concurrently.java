package org.lavasoftware.deploy.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent parts of one step at the same time, such as the database dump (mostly the
 * server's work) beside the media compression (the tool's). Every part runs to its end even when
 * another fails, so that the step's undo never races a part still writing; then the first
 * failure is thrown as it was.
 */
public final class Concurrently {
    private Concurrently() {
    }

    public static void run(Step.Action... parts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parts.length);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Step.Action part : parts) {
                running.add(pool.submit(() -> {
                    part.run();
                    return null;
                }));
            }
            Exception first = null;
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof Exception cause ? cause : new RuntimeException(e.getCause());
                    } else {
                        first.addSuppressed(e.getCause());
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdown();
        }
    }
}
