package org.lavasoftware.deploy.buildout

import org.lavasoftware.deploy.support.LinkSafeTempDir
import java.nio.file.Path
import org.lavasoftware.deploy.support.CfgFiles
import spock.lang.Specification

class BuildoutOperatorsSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    CfgFiles cfg

    def setup() {
        cfg = new CfgFiles(dir)
    }

    def "+= and -= change the inherited value line by line: #lines"() {
        given: 'base.cfg sets three eggs, one a line, and buildout.cfg extends it'
        cfg.write('base.cfg', '[s]\neggs =\n    a\n    b\n    c\n')
        cfg.write('buildout.cfg', '[buildout]\nextends = base.cfg\n[s]\n' + lines + '\n')

        when:
        def value = cfg.load().option('s', 'eggs').get()

        then:
        value.text() == text
        value.contributions()*.toString() == madeBy

        where:
        lines                           || text          | madeBy
        'eggs += d'                     || 'a\nb\nc\nd'  | ['= base.cfg:2', '+= buildout.cfg:4']
        'eggs+=d'                       || 'a\nb\nc\nd'  | ['= base.cfg:2', '+= buildout.cfg:4']
        'eggs += d\n    e'              || 'a\nb\nc\nd\ne' | ['= base.cfg:2', '+= buildout.cfg:4']
        'eggs -= b'                     || 'a\nc'        | ['= base.cfg:2', '-= buildout.cfg:4']
        'eggs -=\n    a\n    c'         || 'b'           | ['= base.cfg:2', '-= buildout.cfg:4']
        'eggs -= lava-scheduler'        || 'a\nb\nc'     | ['= base.cfg:2', '-= buildout.cfg:4']
        'eggs -=\n    absent\n    b'    || 'a\nc'        | ['= base.cfg:2', '-= buildout.cfg:4']
        'eggs -= b\neggs -= b'          || 'a\nc'        | ['= base.cfg:2', '-= buildout.cfg:5']
        'eggs += d\neggs -= a'          || 'b\nc\nd'     | ['= base.cfg:2', '+= buildout.cfg:4', '-= buildout.cfg:5']
        'eggs -= a\neggs += d'          || 'b\nc\nd'     | ['= base.cfg:2', '+= buildout.cfg:5', '-= buildout.cfg:4']
        'eggs -= d\neggs += d'          || 'a\nb\nc'     | ['= base.cfg:2', '+= buildout.cfg:5', '-= buildout.cfg:4']
        'eggs = x\neggs += y'           || 'x\ny'        | ['= buildout.cfg:4', '+= buildout.cfg:5']
        'eggs += y\neggs = x'           || 'x\ny'        | ['= buildout.cfg:5', '+= buildout.cfg:4']
        'eggs += d\neggs += e'          || 'a\nb\nc\ne'  | ['= base.cfg:2', '+= buildout.cfg:5']
        'eggs = x'                      || 'x'           | ['= buildout.cfg:4']
    }

    def "-= removes whole lines only, as buildout documents: '#removed' from '#value'"() {
        given:
        cfg.write('base.cfg', "[s]\neggs = ${value}\n")
        cfg.write('buildout.cfg', "[buildout]\nextends = base.cfg\n[s]\neggs -= ${removed}\n")

        expect:
        cfg.load().option('s', 'eggs').get().text() == text

        where:
        value       | removed || text
        'a b c'     | 'b'     || 'a b c'
        'a b c'     | 'a b c' || ''
        'a'         | 'a'     || ''
    }

    def "+= and -= with nothing to change set the value, as buildout accepts them: #lines"() {
        given:
        cfg.write('base.cfg', '[s]\nother = 1\n')
        cfg.write('buildout.cfg', '[buildout]\nextends = base.cfg\n' + lines + '\n')

        when:
        def value = cfg.load().option(section, 'eggs').get()

        then:
        value.text() == text
        value.contributions()*.toString() == madeBy

        where:
        lines                          | section || text | madeBy
        '[new]\neggs += a'             | 'new'   || 'a'  | ['+= buildout.cfg:4']
        '[new]\neggs -= a'             | 'new'   || ''   | ['-= buildout.cfg:4']
        '[new]\neggs += a\neggs -= a'  | 'new'   || ''   | ['+= buildout.cfg:4', '-= buildout.cfg:5']
        '[s]\neggs += a'               | 's'     || 'a'  | ['+= buildout.cfg:4']
    }

    def "+= applies to what the earlier files built, even when the adding file extends others itself"() {
        given: 'eggs is set in a.cfg; b.cfg adds to it, though b.cfg extends c.cfg, which has no eggs'
        cfg.writeAll(
                'a.cfg': '[s]\neggs = from-a\n',
                'c.cfg': '[s]\nother = c\n',
                'b.cfg': '[buildout]\nextends = c.cfg\n[s]\neggs += from-b\n',
                'buildout.cfg': '[buildout]\nextends = a.cfg b.cfg\n[s]\neggs -= nothing\n')

        when:
        def value = cfg.load().option('s', 'eggs').get()

        then:
        value.lines() == ['from-a', 'from-b']
        value.contributions()*.toString() == ['= a.cfg:2', '+= b.cfg:4', '-= buildout.cfg:4']
    }
}
