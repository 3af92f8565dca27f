package org.lavasoftware.deploy.snapshot

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import spock.lang.Shared
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

class SnapshotResolverSpec extends Specification {
    @Shared
    Path dir = LinkSafeTempDir.create()

    @Shared
    Path backupsRoot
    @Shared
    SnapshotId prodOld, prodNew, demoOnly, classicId

    def setupSpec() {
        backupsRoot = dir.resolve('backups')
        Path media = SnapshotFixtures.media(dir.resolve('media'), ['a.log': 'a'])
        def prod = new Snapshots(backupsRoot.resolve('prod'))
        prodOld = SnapshotFixtures.backup(prod, media, SnapshotFixtures.at('2024-05-01T00:00:00Z'))
        prodNew = SnapshotFixtures.backup(prod, media, SnapshotFixtures.at('2024-05-02T00:00:00Z'))
        demoOnly = SnapshotFixtures.backup(new Snapshots(backupsRoot.resolve('demo')), media, SnapshotFixtures.at('2024-04-01T00:00:00Z'))

        // a snapshot of the classic tool: the three files, no manifest, latest an absolute link
        classicId = SnapshotId.parse('2013-07-01T10-00-00Z')
        Path classic = Files.createDirectories(backupsRoot.resolve("old/${classicId}"))
        ['database.dump', 'files.tar.gz', 'etc.tar.gz'].each { Files.writeString(classic.resolve(it), it) }
        Files.createSymbolicLink(backupsRoot.resolve('old/latest'), classic)

        // a copy somewhere else, referred to by path
        Files.createDirectories(dir.resolve('elsewhere'))
        TreeCopier.copy(backupsRoot.resolve("prod/${prodOld}"), dir.resolve('elsewhere/copy'), null, org.lavasoftware.deploy.engine.Progress.NONE)
        Files.createDirectories(backupsRoot.resolve("prod/.2024-05-03T00-00-00Z.partial"))
    }

    def cleanupSpec() {
        LinkSafeTempDir.delete(dir)
    }

    SnapshotResolver resolver() {
        new SnapshotResolver(backupsRoot, 'prod', dir)
    }

    def "reference #reference finds #expected"() {
        when:
        def snapshot = resolver().resolve(reference)

        then:
        snapshot.dir() == dir.resolve(expected)
        snapshot.format() == format
        snapshot.name() == (name ?: dir.resolve(expected).toString())

        where:
        reference                            | expected                                  | format                   | name
        prodNew.toString()                   | "backups/prod/${prodNew}"                 | Snapshot.Format.MANIFEST | "prod/${prodNew}"
        prodOld.toString()                   | "backups/prod/${prodOld}"                 | Snapshot.Format.MANIFEST | "prod/${prodOld}"
        'latest'                             | "backups/prod/${prodNew}"                 | Snapshot.Format.MANIFEST | "prod/${prodNew}"
        "demo/${demoOnly}"                   | "backups/demo/${demoOnly}"                | Snapshot.Format.MANIFEST | "demo/${demoOnly}"
        'demo/latest'                        | "backups/demo/${demoOnly}"                | Snapshot.Format.MANIFEST | "demo/${demoOnly}"
        'old/latest'                         | "backups/old/${classicId}"                | Snapshot.Format.CLASSIC  | "old/${classicId}"
        "old/${classicId}"                   | "backups/old/${classicId}"                | Snapshot.Format.CLASSIC  | "old/${classicId}"
        'elsewhere/copy'                     | 'elsewhere/copy'                          | Snapshot.Format.MANIFEST | null
        "${dir}/elsewhere/copy"              | 'elsewhere/copy'                          | Snapshot.Format.MANIFEST | null
        "backups/old/${classicId}"           | "backups/old/${classicId}"                | Snapshot.Format.CLASSIC  | null
        "./backups/prod/../prod/${prodOld}/" | "backups/prod/${prodOld}"                 | Snapshot.Format.MANIFEST | null
    }

    def "an unknown reference (#reference) is refused in one line that lists what exists"() {
        when:
        resolver().resolve(reference)

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.BAD_INPUT
        !e.message.contains('\n')
        e.message.contains(message)

        where:
        reference                   || message
        '2020-01-01T00-00-00Z'      || "no snapshot 2020-01-01T00-00-00Z of instance 'prod'; snapshots of 'prod': ${prodNew} (latest), ${prodOld}"
        'yesterday'                 || "no snapshot 'yesterday': it is no ID, latest, NAME/ID or path to a snapshot; snapshots of 'prod': ${prodNew} (latest), ${prodOld}"
        "ghost/${prodNew}"          || "no backups of instance 'ghost' in ${backupsRoot}; instances with backups: demo, old, prod"
        'ghost/latest'              || "no backups of instance 'ghost'"
        "demo/${prodNew}"           || "no snapshot ${prodNew} of instance 'demo'; snapshots of 'demo': ${demoOnly} (latest)"
        'backups/prod'              || "is a backups directory; name one of its snapshots: ${prodNew} (latest), ${prodOld}"
        'media'                     || 'is not a snapshot: it has no manifest.json, nor database.dump, files.tar.gz and etc.tar.gz'
        'backups/prod/.2024-05-03T00-00-00Z.partial' || 'is an unfinished snapshot'
        ''                          || 'no snapshot named'
    }

    def "a bare id without an instance asks which instance"() {
        when:
        new SnapshotResolver(backupsRoot, null, dir).resolve(prodNew.toString())

        then:
        def e = thrown(ToolException)
        e.message == "snapshot '${prodNew}' of which instance? name it as NAME/${prodNew}"
    }
}
