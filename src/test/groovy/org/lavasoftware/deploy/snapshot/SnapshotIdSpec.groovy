package org.lavasoftware.deploy.snapshot

import java.time.Instant
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

class SnapshotIdSpec extends Specification {

    def "an id names the UTC second the snapshot started, as the classic tool did"() {
        expect:
        SnapshotId.at(Instant.parse('2024-05-01T02:03:04.567Z')).toString() == '2024-05-01T02-03-04Z'
    }

    def "snapshots started in the same second get .1, .2 ... and still sort in the order they were made"() {
        given:
        Instant now = Instant.parse('2024-05-01T02:03:04.100Z')
        List<SnapshotId> taken = []

        when:
        4.times { taken << SnapshotId.unique(now, taken) }

        then:
        taken*.toString() == ['2024-05-01T02-03-04Z', '2024-05-01T02-03-04Z.1', '2024-05-01T02-03-04Z.2', '2024-05-01T02-03-04Z.3']
        taken.toSet().size() == 4
        taken.reverse().sort() == taken
        taken*.toString().reverse().sort() == taken*.toString()
    }

    def "a new id of a busy second comes after all of that second, even when an earlier one was pruned"() {
        given:
        def taken = ['2024-05-01T02-03-04Z.2'].collect { SnapshotId.parse(it) }

        expect:
        SnapshotId.unique(Instant.parse('2024-05-01T02:03:04Z'), taken).toString() == '2024-05-01T02-03-04Z.3'
    }

    def "ids compare by time first, then by their same-second number, also past nine"() {
        expect:
        SnapshotId.parse(earlier) < SnapshotId.parse(later)

        where:
        earlier                  | later
        '2024-05-01T02-03-04Z'   | '2024-05-01T02-03-05Z'
        '2024-05-01T02-03-04Z'   | '2024-05-01T02-03-04Z.1'
        '2024-05-01T02-03-04Z.9' | '2024-05-01T02-03-04Z.10'
        '2024-05-01T02-03-04Z.5' | '2024-05-01T02-03-05Z'
        '2023-12-31T23-59-59Z'   | '2024-01-01T00-00-00Z'
    }

    def "a valid id reads back as itself: #text"() {
        expect:
        SnapshotId.parse(text).toString() == text
        SnapshotId.isValid(text)

        where:
        text << ['2024-05-01T02-03-04Z', '2024-02-29T23-59-59Z', '2024-05-01T02-03-04Z.1', '2024-05-01T02-03-04Z.42']
    }

    def "#description is refused with one line saying what an id looks like, as bad input"() {
        when:
        SnapshotId.parse(text)

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.BAD_INPUT
        !e.message.contains('\n')
        e.message.startsWith('invalid snapshot id')
        e.message.contains('YYYY-MM-DDTHH-MM-SSZ')

        where:
        description              | text
        'colons'                 | '2024-05-01T02:03:04Z'
        'no zone'                | '2024-05-01T02-03-04'
        'a local zone'           | '2024-05-01T02-03-04+02'
        'a day that is not'      | '2023-02-29T02-03-04Z'
        'an hour that is not'    | '2024-05-01T24-00-00Z'
        'a zero suffix'          | '2024-05-01T02-03-04Z.0'
        'a padded suffix'        | '2024-05-01T02-03-04Z.01'
        'a word suffix'          | '2024-05-01T02-03-04Z.new'
        'a partial directory'    | '.2024-05-01T02-03-04Z.partial'
        'latest'                 | 'latest'
        'a path'                 | '../2024-05-01T02-03-04Z'
        'a newline'              | "2024-05-01T02-03-04Z\n"
        'empty'                  | ''
        'nothing'                | null
    }
}
