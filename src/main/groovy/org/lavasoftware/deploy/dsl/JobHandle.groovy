package org.lavasoftware.deploy.dsl

import java.time.Duration
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.adapters.lava.LavaApi
import org.lavasoftware.deploy.engine.operations.jobs.JobReport
import org.lavasoftware.deploy.engine.operations.jobs.Jobs
import org.lavasoftware.deploy.engine.operations.jobs.SmokeCheck
import org.lavasoftware.deploy.model.InstanceName

/**
 * A job submitted by a recipe: {@code def job = instance('lab').submit('job.yaml')}. Its state and
 * health are asked of the instance each time they are read; {@code wait(timeout)} follows it to
 * its end (a timeout in seconds, a Duration, or minutes:/seconds:), after which {@code results},
 * {@code passed} and {@code duration} say how it went and {@code log} holds LAVA's log of it.
 * {@code wait} is Object's name too: calls to it are routed here, whatever their argument.
 */
class JobHandle implements GroovyInterceptable {
    private final DslContext dsl
    private final InstanceName instance
    final int id
    private JobReport report

    JobHandle(DslContext dsl, InstanceName instance, int id) {
        this.dsl = dsl
        this.instance = instance
        this.id = id
    }

    String getUrl() {
        Jobs.with(dsl.engine, instance) { it.url(id) }
    }

    String getState() {
        report?.state() ?: current().state()
    }

    String getHealth() {
        report?.health() ?: current().health()
    }

    /** Follows the job to its end, at most {@code timeout} (default 15 minutes); a job still running then is canceled. */
    JobHandle waitFor(Object timeout = null) {
        Duration limit = limitOf(timeout)
        report = Jobs.with(dsl.engine, instance) { it.await(id, limit) }
        this
    }

    boolean getPassed() {
        finished().passed()
    }

    long getDuration() {
        finished().seconds()
    }

    String getDevice() {
        finished().device()
    }

    List<Map<String, Object>> getResults() {
        finished().cases().collect { [suite: it.suite(), name: it.name(), result: it.result()] as Map<String, Object> }
    }

    String getLog() {
        Jobs.with(dsl.engine, instance) { it.log(id) }
    }

    def invokeMethod(String name, Object args) {
        Object[] given = args as Object[]
        if (name == 'wait') {
            if (given.length > 1) {
                throw ToolException.badInput('wait takes one timeout: seconds, a Duration, or minutes:/seconds:')
            }
            return waitFor(given.length == 0 ? null : given[0])
        }
        metaClass.invokeMethod(this, name, args)
    }

    private JobReport finished() {
        report ?: waitFor(null).report
    }

    private LavaApi.Job current() {
        Jobs.with(dsl.engine, instance) { it.status(id) }
    }

    private static Duration limitOf(Object timeout) {
        if (timeout == null) {
            return SmokeCheck.LIMIT
        }
        if (timeout instanceof Duration) {
            return timeout
        }
        if (timeout instanceof Number) {
            return Duration.ofSeconds((timeout as Number).longValue())
        }
        if (timeout instanceof Map) {
            Map m = timeout as Map
            return Duration.ofMinutes((m.minutes ?: 0) as long).plusSeconds((m.seconds ?: 0) as long)
        }
        throw ToolException.badInput("wait's timeout '${timeout}' is not seconds, a Duration, or minutes:/seconds:")
    }

    @Override
    String toString() {
        "job ${id} of ${instance}"
    }
}
