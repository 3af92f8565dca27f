package org.lavasoftware.deploy.support

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import org.lavasoftware.deploy.engine.InstanceLock

/** Child process for lock specs: takes the lock, signals through a file, then holds it until killed. */
class HoldLockMain {
    static void main(String[] args) {
        InstanceLock.acquire(Path.of(args[0]), 'instance held', 'backup of held', Duration.ZERO, { })
        Files.writeString(Path.of(args[1]), 'locked')
        Thread.sleep(Long.MAX_VALUE)
    }
}
