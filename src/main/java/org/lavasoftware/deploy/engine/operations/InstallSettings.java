package org.lavasoftware.deploy.engine.operations;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * What an install was asked for, as the wizard or the options gave it. Also its journal
 * parameters: everything needed to rebuild the plan, and no secret.
 *
 * @param source   where the code comes from (LAVA_SERVER_BRANCH): debian:lava-server, a git or bzr branch, a directory
 * @param version  the revision of the source (REVNO); null for its newest
 * @param host     the virtual host's name
 * @param https    none, self-signed, or certificate (then {@code certificate} and {@code key})
 * @param devUser  the user a developer instance runs as; null for a production instance (lava-NAME)
 * @param withSetup whether the machine still needs setup's steps first
 * @param buildoutCfg LAVA_BUILDOUT_CFG: the buildout config of the code (empty or null: the tree's own, if any)
 * @param worker   whether a local worker runs beside the server (LAVA_WORKER_ENABLED)
 */
public record InstallSettings(InstanceName name, String source, String version, String host, Https https, Path certificate,
                              Path key, String devUser, boolean scheduler, boolean withSetup, String buildoutCfg,
                              boolean worker) {

    public InstallSettings(InstanceName name, String source, String version, String host, Https https, Path certificate,
                           Path key, String devUser, boolean scheduler, boolean withSetup) {
        this(name, source, version, host, https, certificate, key, devUser, scheduler, withSetup, null, true);
    }

    public InstallSettings withBuildout(String cfg) {
        return new InstallSettings(name, source, version, host, https, certificate, key, devUser, scheduler, withSetup, cfg,
                worker);
    }

    public InstallSettings withWorker(boolean value) {
        return new InstallSettings(name, source, version, host, https, certificate, key, devUser, scheduler, withSetup,
                buildoutCfg, value);
    }

    public enum Https { NONE, SELF_SIGNED, CERTIFICATE }

    public boolean dev() {
        return devUser != null;
    }

    public String systemUser() {
        return dev() ? devUser : name.systemName();
    }

    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", name.value());
        p.put("source", source);
        if (version != null) {
            p.put("version", version);
        }
        p.put("host", host);
        p.put("https", https.name());
        if (certificate != null) {
            p.put("certificate", certificate.toString());
            p.put("key", key.toString());
        }
        if (devUser != null) {
            p.put("devUser", devUser);
        }
        p.put("scheduler", Boolean.toString(scheduler));
        p.put("withSetup", Boolean.toString(withSetup));
        if (buildoutCfg != null) {
            p.put("buildoutCfg", buildoutCfg);
        }
        p.put("worker", Boolean.toString(worker));
        return p;
    }

    public static InstallSettings fromParameters(Map<String, String> p) {
        return new InstallSettings(InstanceName.of(p.get("name")), p.getOrDefault("source", "debian:lava-server"),
                p.get("version"), p.get("host"),
                Https.valueOf(p.get("https")), p.containsKey("certificate") ? Path.of(p.get("certificate")) : null,
                p.containsKey("key") ? Path.of(p.get("key")) : null, p.get("devUser"),
                Boolean.parseBoolean(p.get("scheduler")), Boolean.parseBoolean(p.get("withSetup")), p.get("buildoutCfg"),
                !"false".equals(p.get("worker")));
    }
}
