package org.lavasoftware.deploy.support

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.TimeUnit

/**
 * Debian's lavacli, the client LAVA's users have, against an instance's XML-RPC API through
 * Apache: an identity per URI in a home of its own (the token in its 0600 config file, not in
 * an argument list), each command run as a user would type it.
 */
class Lavacli {
    private final Path home

    Lavacli(Path home) {
        this.home = home
        Files.createDirectories(home.resolve('.config'))
    }

    /** Adds (or replaces) identity {@code name}: {@code uri} such as http://HOST/RPC2, a user and its token. */
    void identity(String name, String uri, String user, String token) {
        Path config = home.resolve('.config/lavacli.yaml')
        Map<String, String> identities = [:]
        if (Files.exists(config)) {
            String current = null
            Files.readAllLines(config).each { line ->
                if (line ==~ /^\S.*:$/) {
                    current = line[0..-2]
                } else if (current != null && line.startsWith('  ')) {
                    identities[current] = (identities[current] ?: '') + line + '\n'
                }
            }
        }
        identities[name] = "  uri: ${uri}\n  username: ${user}\n  token: ${token}\n".toString()
        Files.writeString(config, identities.collect { k, v -> "${k}:\n${v}" }.join(''))
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString('rw-------'))
    }

    Map run(String identity, String... args) {
        def p = new ProcessBuilder(['lavacli', '-i', identity] + args.toList()).redirectErrorStream(true)
        p.environment().put('HOME', home.toString())
        def process = p.start()
        String out = process.inputStream.text
        assert process.waitFor(15, TimeUnit.MINUTES)
        [status: process.exitValue(), out: out]
    }

    /** Submits the job file; returns its id. */
    int submit(String identity, Path job) {
        def r = run(identity, 'jobs', 'submit', job.toString())
        assert r.status == 0: r.out
        r.out.trim() as int
    }

    /** Waits for the job to end; returns `jobs show --yaml` of it as a map (health, start_time, end_time...). */
    Map waitFor(String identity, int id) {
        def waited = run(identity, 'jobs', 'wait', '--polling', '2', '--timeout', '600', id as String)
        assert waited.status == 0: waited.out
        def shown = run(identity, 'jobs', 'show', '--yaml', id as String)
        assert shown.status == 0: shown.out
        shown.out.readLines().findAll { it.contains(': ') && !it.startsWith(' ') && !it.startsWith('-') }
                .collectEntries { String line -> [(line.substring(0, line.indexOf(': '))): line.substring(line.indexOf(': ') + 2)] }
    }

    /** The job's test cases as `lavacli results` lists them: suite.name to result. */
    Map<String, String> results(String identity, int id) {
        def r = run(identity, 'results', id as String)
        assert r.status == 0: r.out
        r.out.readLines().findAll { it.startsWith('* ') }.collectEntries { String line ->
            def m = line =~ /^\* (\S+) \[(\w+)\]/
            m.find() ? [(m.group(1)): m.group(2)] : [:]
        }
    }
}
