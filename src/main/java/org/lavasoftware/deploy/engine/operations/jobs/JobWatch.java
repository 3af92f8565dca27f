package org.lavasoftware.deploy.engine.operations.jobs;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.lava.LavaApi;

/**
 * A job followed through the API as a client follows it: submitted, its state watched (each change
 * told), and once finished its health, device, duration and test cases read back. A job that does
 * not finish in time is canceled, and that is a failure.
 */
public final class JobWatch {
    private static final Duration POLL = Duration.ofSeconds(2);

    private final ApiAccess api;
    private final String instanceUrl;
    private final Consumer<String> notices;

    /** {@code instanceUrl}: where users see the instance, for the job's address in reports. */
    public JobWatch(ApiAccess api, String instanceUrl, Consumer<String> notices) {
        this.api = api;
        this.instanceUrl = instanceUrl.endsWith("/") ? instanceUrl : instanceUrl + "/";
        this.notices = notices;
    }

    public int submit(String definition) {
        return api.call(a -> a.submit(definition));
    }

    public String url(int id) {
        return instanceUrl + "scheduler/job/" + id;
    }

    /** Waits for job {@code id} to finish, at most {@code limit}; then reads how it ended. */
    public JobReport await(int id, Duration limit) {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        String seen = "";
        LavaApi.Job job;
        while (true) {
            job = api.call(a -> a.job(id));
            String now = job.state() + (job.device() == null || job.device().isEmpty() ? "" : " on " + job.device());
            if (!now.equals(seen)) {
                notices.accept("job " + id + ": " + now);
                seen = now;
            }
            if (job.finished()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                api.call(a -> {
                    a.cancel(id);
                    return null;
                });
                throw ToolException.failed("job " + id + " did not finish within " + limit.toMinutes() + " minutes (it was "
                        + job.state() + "); it was canceled: see " + url(id) + ", the device's health and the worker's log");
            }
            sleep();
        }
        LavaApi.Job done = job;
        List<LavaApi.TestCase> cases = api.call(a -> a.results(id));
        long seconds = duration(done).orElse((System.nanoTime() - started) / 1_000_000_000L);
        return new JobReport(id, url(id), done.state(), done.health(), done.device(), seconds, cases, done.failure());
    }

    /** The job as it is now, without waiting. */
    public LavaApi.Job status(int id) {
        return api.call(a -> a.job(id));
    }

    public String log(int id) {
        return api.call(a -> a.log(id));
    }

    private static java.util.OptionalLong duration(LavaApi.Job job) {
        try {
            if (job.startTime() != null && job.endTime() != null) {
                return java.util.OptionalLong.of(Duration.between(OffsetDateTime.parse(job.startTime()),
                        OffsetDateTime.parse(job.endTime())).toSeconds());
            }
        } catch (DateTimeParseException e) {
            // LAVA writes ISO times; anything else is measured here instead
        }
        return java.util.OptionalLong.empty();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolException.failed("interrupted while waiting for a job");
        }
    }
}
