package org.lavasoftware.deploy.support

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.util.concurrent.TimeUnit

/**
 * A copy of this checkout (the files git would clone, without target/), built by its launcher on
 * first use the way a new user's first command builds it. Shared by the integration specs of one
 * test run, so the build is paid once.
 */
class FreshCheckout {
    private static Path dir
    private static Result firstRun
    private static boolean machinePrepared

    /** What a launcher run printed and returned. */
    static class Result {
        final int status
        final String out
        final String err
        final long millis

        Result(int status, String out, String err, long millis) {
            this.status = status
            this.out = out
            this.err = err
            this.millis = millis
        }

        String toString() { "status ${status} in ${millis} ms\n--- out\n${out}--- err\n${err}" }
    }

    static Path basedir() {
        Path.of(System.getProperty('user.dir')).toAbsolutePath()
    }

    static synchronized Path dir() {
        if (dir == null) {
            prepareMachine()
            dir = Files.createTempDirectory('ldt-fresh-checkout')
            copyTrackedFiles(basedir(), dir)
            firstRun = run(['version'])
            if (firstRun.status != 0) {
                throw new IllegalStateException("the fresh checkout did not build: ${firstRun}")
            }
        }
        dir
    }

    static Result firstRun() {
        dir()
        firstRun
    }

    /**
     * A temporary directory others may pass through, as instance users and Apache must: a spec's
     * root for the instances it installs, on a machine prepared for them.
     */
    static Path openTempDir(String prefix) {
        prepareMachine()
        Path dir = Files.createTempDirectory(prefix)
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString('rwxr-xr-x'))
        dir
    }

    /**
     * The project's own machine preparation (packages, PostgreSQL), as CI runs it, then the
     * instances an interrupted earlier test run left removed; once per test run.
     */
    static synchronized void prepareMachine() {
        if (machinePrepared) {
            return
        }
        def p = new ProcessBuilder(basedir().resolve('.ci/prepare-machine').toString()).inheritIO().start()
        if (p.waitFor() != 0) {
            throw new IllegalStateException('.ci/prepare-machine failed')
        }
        EarlierTestRuns.clearLeftovers()
        machinePrepared = true
    }

    static Result run(List<String> args, Map<String, String> env = [:], Path workDir = null) {
        def builder = new ProcessBuilder([dir.resolve('lava-deployment-tool').toString()] + args)
        builder.environment().putAll(env)
        builder.directory((workDir ?: dir).toFile())
        def out = Files.createTempFile('ldt-out', '.txt')
        def err = Files.createTempFile('ldt-err', '.txt')
        builder.redirectOutput(out.toFile()).redirectError(err.toFile())
        long started = System.nanoTime()
        def process = builder.start()
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly()
            throw new IllegalStateException("${args} did not finish in 10 minutes")
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
        def result = new Result(process.exitValue(), Files.readString(out), Files.readString(err), millis)
        Files.delete(out)
        Files.delete(err)
        result
    }

    private static void copyTrackedFiles(Path from, Path to) {
        def git = new ProcessBuilder('git', 'ls-files', '--cached', '--others', '--exclude-standard', '-z')
                .directory(from.toFile()).start()
        List<String> files = git.inputStream.text.split('\u0000').findAll { it }
        git.waitFor()
        files.each { String relative ->
            Path source = from.resolve(relative)
            if (Files.isRegularFile(source)) {
                Path target = to.resolve(relative)
                Files.createDirectories(target.parent)
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES)
            }
        }
    }
}
