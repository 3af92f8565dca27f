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
