package org.lavasoftware.deploy.engine

import org.lavasoftware.deploy.support.LinkSafeTempDir
import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.model.InstanceName
import org.lavasoftware.deploy.model.LavaRoot
import org.lavasoftware.deploy.support.ChildJvm
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.FileStepsOperation
import org.lavasoftware.deploy.support.RunOperationMain
import org.lavasoftware.deploy.support.TestEngines
import spock.lang.Specification

class JournalRecoverySpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "an operation killed between two steps is found by the next command and undone by recover"() {
        given:
        Path work = Files.createDirectories(dir.resolve('work'))
        LavaRoot root = new LavaRoot(dir.resolve('root'))
        Files.createDirectories(root.instancesDir().resolve('demo'))

        when: 'a process runs the operation and is killed -9 while its second step runs'
        def child = ChildJvm.start(RunOperationMain, [root.path().toString(), 'instance=demo', "dir=${work}".toString(),
                                                        'files=a,b,c', 'block=b'])
        ChildJvm.awaitFile(work.resolve('blocked'), child)
        ChildJvm.killHard(child)

        then: 'list shows the instance as interrupted'
        def list = CliRun.run(['--root', root.path().toString(), 'list', '--json'])
        list.status == 0
        list.out.contains('"name":"demo"') && list.out.contains('"state":"interrupted"')

        when: 'another operation is tried on the instance'
        TestEngines.on(root).execute(new FileStepsOperation([instance: 'demo', dir: work.toString(), files: 'z']))

        then: 'it is refused, naming the interrupted operation and the way out'
        def refused = thrown(ToolException)
        refused.status() == ExitStatus.UNEXPECTED_STATE
        refused.message.contains("an interrupted file-steps (stopped at step 2 of 3 'create b'")
        refused.message.contains('run `lava-deployment-tool recover demo` first')
        !Files.exists(work.resolve('z'))

        when: 'the user recovers'
        def recover = CliRun.run(['--root', root.path().toString(), 'recover', 'demo'])

        then: 'the half-done step and the one before it are undone, and the instance is usable again'
        recover.status == 0
        recover.err.contains('the interrupted file-steps was undone')
        Files.list(work).toList()*.fileName*.toString() == ['blocked']
        CliRun.run(['--root', root.path().toString(), 'list', '--json']).out.contains('"state":"not deployed"')
    }

    def "a plan that depends on what the operation itself changed is rebuilt from the journal's facts, not from the machine"() {
        given: 'an operation that plans only the files missing when it starts, killed after it made two of them'
        Path work = Files.createDirectories(dir.resolve('work'))
        LavaRoot root = new LavaRoot(dir.resolve('root'))
        def child = ChildJvm.start(RunOperationMain, [root.path().toString(), 'instance=demo', "dir=${work}".toString(),
                                                        'files=a,b,c', 'block=b', 'onlyMissing=yes'])
        ChildJvm.awaitFile(work.resolve('blocked'), child)
        ChildJvm.killHard(child)

        expect: 'the journal holds what the plan saw'
        Journal.read(root.instance(InstanceName.of('demo')).journalFile()).get().facts() == [missing: Optional.of('a\nb\nc')]

        when: 'the machine now says a and b exist: a plan made from it would have only c'
        def recover = CliRun.run(['--root', root.path().toString(), 'recover', 'demo'])

        then: 'the plan that ran is undone'
        recover.status == 0
        recover.err.contains('the interrupted file-steps was undone')
        Files.list(work).toList()*.fileName*.toString() == ['blocked']
    }

    def "a journal whose steps this version does not plan is refused, naming both versions and the way by hand"() {
        given:
        LavaRoot root = new LavaRoot(dir.resolve('root'))
        Path journal = root.instance(InstanceName.of('demo')).journalFile()
        Files.createDirectories(journal.parent)
        Files.writeString(journal, "begin\tfile-steps\t2026-01-01T00:00:00Z\t1\t2\tinstance=demo\tdir=${dir}\tfiles=x\n"
                + 'tool\t0.9-old\nstart\t0\tmake%20x%20the%20old%20way\n')

        when:
        def recover = CliRun.run(['--root', root.path().toString(), 'recover', 'demo'])

        then:
        recover.status == 3
        recover.err.contains("started by version 0.9-old of the tool, whose step 1 'make x the old way' version")
        recover.err.contains("undo the steps ${journal} records as started")
        Files.exists(journal)
    }

    def "a dry-run recover shows what it would undo and changes nothing"() {
        given:
        Path work = Files.createDirectories(dir.resolve('work'))
        LavaRoot root = new LavaRoot(dir.resolve('root'))
        def child = ChildJvm.start(RunOperationMain, [root.path().toString(), 'instance=demo', "dir=${work}".toString(),
                                                        'files=a,b,c', 'block=b'])
        ChildJvm.awaitFile(work.resolve('blocked'), child)
        ChildJvm.killHard(child)

        when:
        def run = CliRun.run(['--root', root.path().toString(), '--dry-run', 'recover', 'demo'])

        then:
        run.status == 0
        run.out.contains('Plan: undo the interrupted file-steps (2 steps)')
        run.out.indexOf('delete b') < run.out.indexOf('delete a')
        Files.exists(work.resolve('a')) && Files.exists(work.resolve('b'))
        Files.exists(root.instance(InstanceName.of('demo')).journalFile())
    }

    def "recover on an instance with nothing interrupted says so, as bad input"() {
        when:
        def run = CliRun.run(['--root', dir.toString(), 'recover', 'calm'])

        then:
        run.status == 2
        run.err.trim() == 'error: instance calm has no interrupted operation; nothing to recover'
    }

    def "a journal cut off in the middle of a line (power loss) is still read"() {
        expect:
        Journal.parse("begin\tx\t2026-01-01T00:00:00Z\t1\t3\tk=v\nstart\t0\tone\ndone\t0\nstart\t1\ttw")
                .lastStep().title() == 'one'
    }
}
