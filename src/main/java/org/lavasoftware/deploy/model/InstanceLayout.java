package org.lavasoftware.deploy.model;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where each part of an instance lives: the anatomy of the classic tool, under the root. */
public record InstanceLayout(LavaRoot root, InstanceName name) {

    public Path dir() {
        return root.instancesDir().resolve(name.value());
    }

    public boolean exists() {
        return Files.isDirectory(dir());
    }

    public Path configFile() {
        return dir().resolve("instance.conf");
    }

    /** Where some classic instances kept their instance.conf instead. */
    public Path legacyConfigFile() {
        return etcLavaServer().resolve("instance.conf");
    }

    public Path codeDir() {
        return dir().resolve("code");
    }

    public Path currentCode() {
        return codeDir().resolve("current");
    }

    public Path etcLavaServer() {
        return dir().resolve("etc/lava-server");
    }

    public Path etcApache() {
        return dir().resolve("etc/apache2");
    }

    public Path varLibLavaServer() {
        return dir().resolve("var/lib/lava-server");
    }

    public Path media() {
        return varLibLavaServer().resolve("media");
    }

    public Path staticFiles() {
        return dir().resolve("var/www/lava-server/static");
    }

    public Path logDir() {
        return dir().resolve("var/log");
    }

    public Path runDir() {
        return dir().resolve("run");
    }

    /** The local worker's own: its token and settings (root's: the worker runs as root, as Debian's does). */
    public Path etcLavaDispatcher() {
        return dir().resolve("etc/lava-dispatcher");
    }

    /** Device dictionaries, device-type templates and health checks: what LAVA's settings point at. */
    public Path dispatcherConfig() {
        return dir().resolve("etc/dispatcher-config");
    }

    /** The per-worker settings LAVA serves its workers (dispatcher.yaml, env.yaml), one directory per worker. */
    public Path dispatcherDirs() {
        return dir().resolve("etc/dispatcher.d");
    }

    /** The local worker's data: its job database and each job's directory (tmp/PREFIXJOB). */
    public Path workerDir() {
        return dir().resolve("var/lib/lava-dispatcher/worker");
    }

    public Path tmpDir() {
        return dir().resolve("tmp");
    }

    /** The log of the tool's operations on this instance; kept under the root (see there). */
    public Path operationLog() {
        return root.operationLog(name.value());
    }

    public Path journalFile() {
        return root.stateDir().resolve("journal").resolve(name.value());
    }

    public Path lockFile() {
        return root.stateDir().resolve("locks").resolve(name.value() + ".lock");
    }
}
