package org.lavasoftware.deploy

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Specification

/**
 * Rules for the specs themselves. Spock's @TempDir deletes its directory with Groovy's deleteDir,
 * which follows links to directories: a spec that left a link to /etc in one emptied /etc of the
 * machine it ran on, and LAVA code trees link into /usr. Specs use LinkSafeTempDir instead.
 */
class TestHygieneSpec extends Specification {

    def "no spec uses Spock's @TempDir: #file"() {
        expect:
        !(Files.readString(file) =~ /(?m)^\s*@(spock\.lang\.)?TempDir\b/)

        where:
        file << specFiles()
    }

    private static List<Path> specFiles() {
        Files.walk(Path.of('src/test/groovy')).withCloseable { stream ->
            stream.filter { it.toString().endsWith('.groovy') && !it.fileName.toString().startsWith('TestHygieneSpec') }.toList()
        }
    }
}
