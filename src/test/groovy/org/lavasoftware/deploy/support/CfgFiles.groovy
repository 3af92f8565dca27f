package org.lavasoftware.deploy.support

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.buildout.BuildoutConfig

/** Buildout configuration files written into a throw-away directory, for specs. */
class CfgFiles {
    final Path dir

    CfgFiles(Path dir) {
        this.dir = dir
    }

    /** Writes {@code text} exactly as given (buildout is indentation-sensitive), creating directories. */
    Path write(String name, String text) {
        Path file = dir.resolve(name)
        Files.createDirectories(file.parent)
        Files.writeString(file, text)
        file
    }

    /** Writes each file of {@code files}, name to text. */
    CfgFiles writeAll(Map<String, String> files) {
        files.each { name, text -> write(name, text) }
        this
    }

    BuildoutConfig load(String name = 'buildout.cfg') {
        BuildoutConfig.load(dir.resolve(name))
    }

    /** The value of one option of a configuration made of the one file {@code buildout.cfg}. */
    String value(String text, String section, String option) {
        write('buildout.cfg', text)
        load().option(section, option).orElseThrow().text()
    }
}
