package org.lavasoftware.deploy.engine

import org.lavasoftware.deploy.support.LinkSafeTempDir
import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.model.LavaRoot
import org.lavasoftware.deploy.support.FileStepsOperation
import org.lavasoftware.deploy.support.TestEngines
import org.lavasoftware.deploy.support.TestEngines.RecordingReporter
import spock.lang.Specification

class PlanRunnerSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    RecordingReporter reporter = new RecordingReporter()

    Path work() {
        Files.createDirectories(dir.resolve('work'))
    }

    LavaRoot root() {
        new LavaRoot(dir.resolve('root'))
    }

    def operation(Map extra = [:]) {
        new FileStepsOperation([instance: 'demo', dir: work().toString(), files: 'a,b,c,d'] + extra)
    }

    List<String> made() {
        Files.list(work()).toList()*.fileName*.toString().sort()
    }

    def "the steps of a plan run in order and leave no journal behind"() {
        when:
        TestEngines.on(root(), reporter).execute(operation())

        then:
        made() == ['a', 'b', 'c', 'd']
        reporter.events.findAll { it.startsWith('start') } == ['start 1/4 create a', 'start 2/4 create b',
                                                                'start 3/4 create c', 'start 4/4 create d']
        !Files.exists(root().instance(org.lavasoftware.deploy.model.InstanceName.of('demo')).journalFile())
    }

    def "a failing step undoes itself and the steps before it, in reverse order, and names the step"() {
        when:
        TestEngines.on(root(), reporter).execute(operation(fail: 'c'))

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.OPERATION_FAILED
        e.message.startsWith("file-steps of demo failed at step 3/4 'create c': c cannot be made")
        e.message.contains('the 2 steps before it were undone')
        e.message.contains('log: ')

        and: 'undone last-first, and nothing is left'
        reporter.events.findAll { it.startsWith('undo') } == ['undo delete c', 'undo delete b', 'undo delete a']
        made() == []
        !Files.exists(root().instance(org.lavasoftware.deploy.model.InstanceName.of('demo')).journalFile())
    }

    def "a dry run prints the plan with its details and changes nothing at all"() {
        when:
        TestEngines.on(root(), reporter, true).execute(operation())

        then:
        reporter.events.first() == 'plan Plan: file-steps of demo (4 steps)'
        reporter.events.contains('plan   1. create a')
        reporter.events.any { it.contains("touch ${work().resolve('a')}") }
        made() == []
        !Files.exists(root().path())
    }

    def "when an undo fails too, the journal is kept and the user is sent to recover, as unexpected state"() {
        when:
        TestEngines.on(root(), reporter).execute(operation(fail: 'c', failUndo: 'b'))

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.UNEXPECTED_STATE
        e.message.contains("undoing 'create b' (b cannot be deleted) failed too")
        e.message.contains('lava-deployment-tool recover demo')
        made() == ['b']
        Files.exists(root().instance(org.lavasoftware.deploy.model.InstanceName.of('demo')).journalFile())
    }

    def "a failure after the point of no return is not undone; recover finishes the operation"() {
        given:
        def engine = TestEngines.on(root(), reporter)
        def cause = Files.writeString(dir.resolve('cause'), 'disk full')

        when:
        engine.execute(operation(noReturn: 'b', fail: 'c', failWhile: cause.toString()))

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.UNEXPECTED_STATE
        e.message.contains('after its point of no return')
        made() == ['a', 'b', 'c']

        when: 'the cause is gone and the user recovers'
        Files.delete(cause)
        engine.recover(org.lavasoftware.deploy.model.InstanceName.of('demo'))

        then: 'the operation is rebuilt from its journal and finished'
        made() == ['a', 'b', 'c', 'd']
        !engine.interrupted(org.lavasoftware.deploy.model.InstanceName.of('demo')).present
    }
}
