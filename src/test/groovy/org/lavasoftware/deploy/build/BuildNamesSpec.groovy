package org.lavasoftware.deploy.build

import org.lavasoftware.deploy.engine.operations.build.Requirement
import org.lavasoftware.deploy.engine.operations.build.VersionMatch
import spock.lang.Specification

/** Requirement lines and version pins, as Python packaging reads them. */
class BuildNamesSpec extends Specification {
    def "a requirement line names its project: '#line'"() {
        expect:
        Requirement.parse(line).name() == name
        Requirement.parse(line).key() == key

        where:
        line                        || name             | key
        'lava-server'               || 'lava-server'    | 'lava-server'
        '  lava-server >= 2013.01 ' || 'lava-server'    | 'lava-server'
        'Django==3.2'               || 'Django'         | 'django'
        'django[argon2]'            || 'django'         | 'django'
        'zc.recipe.egg'             || 'zc.recipe.egg'  | 'zc-recipe-egg'
        'linaro_django_xmlrpc'      || 'linaro_django_xmlrpc' | 'linaro-django-xmlrpc'
        'foo ; python_version>"3"'  || 'foo'            | 'foo'
    }

    def "pin #pin #how #installed"() {
        expect:
        VersionMatch.matches(pin, installed) == same

        where:
        pin         | installed   || same
        '2023.01'   | '2023.1'    || true
        '1.0'       | '1'         || true
        '1.0.0'     | '1'         || true
        'v1.2'      | '1.2'       || true
        '==0.3'     | '0.3'       || true
        '3.2.19'    | '3.2.19'    || true
        '1.0rc1'    | '1.0rc1'    || true
        '1.0-rc1'   | '1.0rc1'    || true
        '2022.11'   | '2023.1'    || false
        '0.4'       | '0.3'       || false
        '1.0'       | '1.0.1'     || false
        '1.0rc1'    | '1.0'       || false
        '1.0+local' | '1.0'       || false
        how = same ? 'matches' : 'does not match'
    }
}
