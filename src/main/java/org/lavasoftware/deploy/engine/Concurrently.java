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
 * another fails, so that the step's undo never races a part still writing; then the failure that
 * came first in time is thrown as it was (the cause, such as a full disk; a later one may only be
 * its echo), the others suppressed in it.
 */
public final class Concurrently {
    private Concurrently() {
    }

    public static void run(Step.Action... parts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parts.length);
        try {
            List<Future<?>> running = new ArrayList<>();
            List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (Step.Action part : parts) {
                running.add(pool.submit(() -> {
                    try {
                        part.run();
                    } catch (Exception e) {
                        failures.add(e);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    failures.add(new RuntimeException(e.getCause()));
                }
            }
            if (!failures.isEmpty()) {
                Exception first = failures.get(0);
                failures.subList(1, failures.size()).forEach(first::addSuppressed);
                throw first;
            }
        } finally {
            pool.shutdown();
        }
    }
}
