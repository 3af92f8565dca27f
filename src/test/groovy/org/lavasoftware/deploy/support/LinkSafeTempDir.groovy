package org.lavasoftware.deploy.support

import java.nio.file.FileVisitResult
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.SimpleFileVisitor
import java.nio.file.attribute.BasicFileAttributes
import java.nio.file.attribute.PosixFilePermissions

/**
 * A temporary directory for specs that make symbolic links. Spock 2.3's {@code @TempDir} removes
 * its directory with Groovy's {@code File.deleteDir}, which follows a link to a directory and
 * deletes what is behind it: a spec that made {@code link -> /etc} and ran as root emptied /etc.
 * This one removes links as links and never leaves its directory.
 */
class LinkSafeTempDir {
    static Path create() {
        Files.createTempDirectory('lava-spec-')
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<Path>() {
            @Override
            FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                // a spec may have made a directory read-only; its entries must still go
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString('rwx------'))
                FileVisitResult.CONTINUE
            }

            @Override
            FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Files.delete(file)
                FileVisitResult.CONTINUE
            }

            @Override
            FileVisitResult postVisitDirectory(Path d, IOException e) {
                if (e != null) {
                    throw e
                }
                Files.delete(d)
                FileVisitResult.CONTINUE
            }
        })
    }
}
