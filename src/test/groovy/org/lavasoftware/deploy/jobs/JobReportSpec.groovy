package org.lavasoftware.deploy.jobs

import org.lavasoftware.deploy.adapters.lava.LavaApi
import org.lavasoftware.deploy.engine.operations.jobs.JobReport
import spock.lang.Specification

/** When `check` and an upgrade call a job passed: Complete, with every test case passing. */
class JobReportSpec extends Specification {
    static LavaApi.TestCase pass(String suite, String name) { new LavaApi.TestCase(suite, name, 'pass', null) }

    static LavaApi.TestCase fail(String suite, String name) { new LavaApi.TestCase(suite, name, 'fail', 'timed out') }

    def "a job with health #health and those results #verdict"() {
        given:
        def report = new JobReport(7, 'http://lab/scheduler/job/7', 'Finished', health, 'qemu-01', 21, cases, null)

        expect:
        report.passed() == passed

        where:
        health       | cases                                                          || passed
        'Complete'   | [pass('lava', 'job'), pass('0_smoke', 'kernel-runs')]          || true
        'Complete'   | [pass('lava', 'job'), fail('0_smoke', 'kernel-runs')]          || false
        'Incomplete' | [fail('lava', 'auto-login-action'), fail('lava', 'job')]       || false
        'Canceled'   | [pass('lava', 'validate')]                                     || false
        'Complete'   | []                                                             || false
        verdict = passed ? 'passed' : 'did not pass'
    }

    def "its description names the job, its device, duration and each test, and LAVA's own failures"() {
        given:
        def report = new JobReport(7, 'http://lab/scheduler/job/7', 'Finished', 'Incomplete', 'qemu-01', 95,
                [pass('lava', 'validate'), fail('lava', 'auto-login-action'), fail('0_smoke', 'kernel-runs')], 'boot timed out')

        when:
        def lines = report.describe()

        then:
        lines[0] == 'job 7 Incomplete on qemu-01 in 95 s: 0 of 1 test cases passed (http://lab/scheduler/job/7)'
        lines.contains('  lava.auto-login-action fail: timed out')
        lines.contains('  0_smoke.kernel-runs fail: timed out')
        !lines.any { it.contains('validate') }
        lines.last() == '  failure: boot timed out'
    }
}
