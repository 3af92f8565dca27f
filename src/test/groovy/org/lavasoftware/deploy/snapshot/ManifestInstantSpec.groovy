package org.lavasoftware.deploy.snapshot

import java.time.Instant
import java.time.format.DateTimeParseException
import spock.lang.Specification

/** The file times of a manifest are read back exactly, however they were written. */
class ManifestInstantSpec extends Specification {
    def "#text reads back as Instant.parse reads it"() {
        expect:
        ManifestInstant.parse(text) == Instant.parse(text)

        where:
        text << ['2024-05-01T00:00:00Z', '2024-05-01T02:03:04.5Z', '2024-05-01T02:03:04.567Z',
                 '2024-05-01T02:03:04.567890Z', '2024-05-01T02:03:04.123456789Z', '1970-01-01T00:00:00Z',
                 '1969-12-31T23:59:59.999999999Z', '2024-02-29T23:59:59Z', '0001-01-01T00:00:00Z',
                 '9999-12-31T23:59:59.9Z',
                 // not the form Instant.toString() writes: left to Instant.parse
                 '2024-05-01T02:03:04+02:00', '+12024-05-01T00:00:00Z', '2024-12-31T23:59:60Z',
                 '2024-05-01T24:00:00Z', '2024-05-01T00:00:00.Z']
    }

    def "every time Instant.toString() writes reads back to the same instant"() {
        expect:
        [0L, 1L, -1L, 1_714_385_472L, 253_402_300_799L].every { long seconds ->
            [0, 1, 10, 100_000, 123_000_000, 999_999_999].every { int nanos ->
                def instant = Instant.ofEpochSecond(seconds, nanos)
                ManifestInstant.parse(instant.toString()) == instant
            }
        }
    }

    def "#text is refused as Instant.parse refuses it"() {
        when:
        ManifestInstant.parse(text)

        then:
        thrown(DateTimeParseException)

        where:
        text << ['2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-05-01T25:00:00Z', '2024-05-01T00:60:00Z',
                 '2024-05-01T02:03:04,5Z', '2024-05-01T00:00:00.1234567890Z', '2024-05-01T00:00:0xZ',
                 '2024-05-01 00:00:00Z', 'yesterday', '']
    }
}
