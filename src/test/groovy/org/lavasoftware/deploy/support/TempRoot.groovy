package org.lavasoftware.deploy.support

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.model.LavaRoot

/** A throw-away LAVA root with hand-made instance directories, for specs. */
class TempRoot {
    final Path path

    TempRoot(Path path) {
        this.path = path
    }

    LavaRoot root() {
        new LavaRoot(path)
    }

    /** An instance directory with the given instance.conf text (none when null) and code revision. */
    Path instance(String name, String conf = null, String revision = null) {
        Path dir = path.resolve("instances/${name}")
        Files.createDirectories(dir.resolve('code'))
        if (conf != null) {
            Files.writeString(dir.resolve('instance.conf'), conf)
        }
        if (revision != null) {
            Files.createDirectories(dir.resolve("code/${revision}"))
            Files.createSymbolicLink(dir.resolve('code/current'), Path.of(revision))
        }
        dir
    }

    String toString() {
        path.toString()
    }
}
