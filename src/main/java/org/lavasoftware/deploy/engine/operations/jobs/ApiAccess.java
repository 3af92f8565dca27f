package org.lavasoftware.deploy.engine.operations.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.lava.LavaApi;
import org.lavasoftware.deploy.adapters.postgres.AdminCredentials;
import org.lavasoftware.deploy.engine.operations.InstanceFiles;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.web.WebAddress;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.WebMode;

/**
 * The tool as a client of an instance's API, through Apache: as user {@code lava-deployment-tool},
 * with a token kept 0600 in the instance's etc/lava-server. The user and token are made on first
 * use, and made again when LAVA refuses the token (a restore or a clone brought another database).
 */
public final class ApiAccess {
    public static final String USER = "lava-deployment-tool";

    private final InstanceLayout layout;
    private final InstanceConfig config;
    private final Machine machine;

    public ApiAccess(InstanceLayout layout, InstanceConfig config, Machine machine) {
        this.layout = layout;
        this.config = config;
        this.machine = machine;
    }

    public Path tokenFile() {
        return layout.etcLavaServer().resolve("api-token");
    }

    /** Runs {@code call} against the API; once more with the token registered, if LAVA refused it. */
    public <T> T call(Function<LavaApi, T> call) {
        boolean fresh = !Files.isRegularFile(tokenFile());
        String token = token();
        if (fresh) {
            register(token);
        }
        try {
            return call.apply(api(token));
        } catch (LavaApi.Unauthorized refused) {
            if (fresh) {
                throw refused;
            }
            register(token);
            return call.apply(api(token));
        }
    }

    private LavaApi api(String token) {
        if (WebAddress.url(config) == null) {
            throw ToolException.badInput("instance " + layout.name() + " has no web part (no LAVA_APACHE_VHOST): no API to submit to");
        }
        WebAddress.Probe probe = WebAddress.probe(config, WebMode.of(config));
        return new LavaApi(machine.runner(), probe.url(), probe.host(), probe.https(), token);
    }

    private void register(String token) {
        new InstanceFiles(layout, config, machine).admin().ensureApiUser(USER, token);
    }

    private String token() {
        Path file = tokenFile();
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).strip();
            }
            String token = AdminCredentials.Secrets.token(48);
            Filesystem.file(file, token + "\n", "rw-------", "root", "root");
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
