package org.lavasoftware.deploy.support

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** Starts a main class of the test classpath in a separate JVM, for specs that need two processes. */
class ChildJvm {
    static Process start(Class main, List<String> args) {
        String classpath = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        def command = [Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), '-cp', classpath,
                       main.name] + args
        new ProcessBuilder(command).redirectErrorStream(true).start()
    }

    /** Waits until {@code file} exists (the child's signal that it reached a point). */
    static void awaitFile(Path file, Process child, long seconds = 30) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
        while (!Files.exists(file)) {
            if (!child.alive) {
                throw new IllegalStateException("child ended before ${file}: ${child.inputStream.text}")
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("child did not reach ${file} in ${seconds} s")
            }
            Thread.sleep(20)
        }
    }

    /** Kills the child as power loss would: no shutdown hooks, nothing flushed. */
    static void killHard(Process child) {
        new ProcessBuilder('kill', '-9', "${child.pid()}").start().waitFor()
        child.waitFor(10, TimeUnit.SECONDS)
    }
}
