package org.lavasoftware.deploy.engine.operations.restore

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

/** The media (and dispatcher-config) swap of a restore, and its undo from every state a kill may leave. */
class DirectorySwapSpec extends Specification {
    Path dir = LinkSafeTempDir.create()
    Path live = dir.resolve('media')
    Path staged = dir.resolve('media.restore')
    Path previous = dir.resolve('media.previous')
    DirectorySwap swap = new DirectorySwap(live, staged, previous)

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    private void holding(Path where, String what) {
        Files.createDirectories(where)
        Files.writeString(where.resolve('which'), what)
    }

    private Map<String, String> state() {
        [live, staged, previous].findAll { Files.exists(it) }
                .collectEntries { [(it.fileName.toString()): Files.readString(it.resolve('which'))] }
    }

    def "swapped in, the restored data are live and the original kept as previous"() {
        given:
        holding(live, 'original')
        holding(staged, 'restored')

        when:
        swap.swapIn()

        then:
        state() == ['media': 'restored', 'media.previous': 'original']
    }

    def "put back from '#where', the original is live again and the restored data staged, twice over"() {
        given:
        originalAt.each { holding(dir.resolve(it), 'original') }
        restoredAt.each { holding(dir.resolve(it), 'restored') }

        when:
        swap.swapBack()

        then:
        state() == ['media': 'original', 'media.restore': 'restored']

        when: 'a recovery that was itself killed runs the undo again'
        swap.swapBack()

        then:
        state() == ['media': 'original', 'media.restore': 'restored']

        where:
        where                                           | originalAt       | restoredAt
        'never started'                                 | ['media']          | ['media.restore']
        'live moved out, restored not moved in'         | ['media.previous'] | ['media.restore']
        'swapped'                                       | ['media.previous'] | ['media']
        'half put back: restored moved out again'       | ['media.previous'] | ['media.restore']
    }

    def "an undo whose step never ran leaves a directory without a previous one alone"() {
        given:
        holding(live, 'original')

        when:
        swap.swapBack()

        then:
        state() == ['media': 'original']
    }
}
