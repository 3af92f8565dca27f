package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * File work done a few files at a time: tasks submitted to a fixed pool, their results collected
 * in the order submitted. The first failure comes out as it was thrown (an IOException or a
 * RuntimeException), and closing stops the tasks still running and waits for them, so that whoever
 * throws the half-made files away next does not race them.
 */
final class ParallelWork<T> implements AutoCloseable {
    /** One file's work. */
    interface Task<T> {
        T run() throws IOException;
    }

    private final ExecutorService pool;
    private final List<Future<T>> submitted = new ArrayList<>();

    ParallelWork(int threads) {
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads));
    }

    /**
     * {@code items} cut into runs of at most {@code size}, views of the list: many small pieces of
     * work (a directory read, a link made) handed over a run at a time, to pay for the hand-over.
     */
    static <E> List<List<E>> batches(List<E> items, int size) {
        List<List<E>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            batches.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return batches;
    }

    void submit(Task<T> task) {
        submitted.add(pool.submit(task::run));
    }

    /** Waits for every task submitted; their results, nulls left out. */
    List<T> results() throws IOException {
        List<T> results = new ArrayList<>();
        try {
            for (Future<T> future : submitted) {
                T result = future.get();
                if (result != null) {
                    results.add(result);
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
