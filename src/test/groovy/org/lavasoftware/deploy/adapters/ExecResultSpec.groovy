package org.lavasoftware.deploy.adapters

import org.lavasoftware.deploy.adapters.exec.ExecResult
import spock.lang.Specification

class ExecResultSpec extends Specification {

    def "a failure is reported by the program's own reason: #what"() {
        expect:
        new ExecResult(1, '', stderr).lastErrorLine() == reason

        where:
        what                           | stderr                                                                        | reason
        'the last line'                | 'warning: x\nfatal: no such thing\n'                                          | 'fatal: no such thing'
        'a Python exception'           | 'Traceback (most recent call last):\n  File "x.py", line 1\n    raise\nValueError: bad value\n' | 'ValueError: bad value'
        'one spanning lines'           | 'Traceback:\n  File "m.py"\ndjango.db.migrations.exceptions.MigrationSchemaMissing: Unable (read-only\n)\n' | 'MigrationSchemaMissing: Unable (read-only )'
        'a code line is not a reason'  | 'Traceback:\n    x = Foo: bar\nKeyError: \'k\'\n'                          | "KeyError: 'k'"
        'nothing'                      | ''                                                                            | ''
        'a full disk before its echoes' | 'pg_dump: error: could not write to file "x": No space left on device\npg_dump: terminated by user\n' | 'pg_dump: error: could not write to file "x": No space left on device'
    }

    def "without error output the last line of the output is the reason"() {
        expect:
        new ExecResult(2, 'step 1\nstep 2 failed\n', '').lastErrorLine() == 'step 2 failed'
    }
}
