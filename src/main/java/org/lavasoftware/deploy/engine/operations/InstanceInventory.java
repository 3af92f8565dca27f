package org.lavasoftware.deploy.engine.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.lava.LabInventory;
import org.lavasoftware.deploy.adapters.postgres.PgPass;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceLayout;

/** An instance's workers and devices, read from its database as its own role, with the password of its pgpass. */
public final class InstanceInventory {
    private InstanceInventory() {
    }

    public static LabInventory read(InstanceLayout layout, InstanceConfig config) {
        Path pgpass = layout.etcLavaServer().resolve("pgpass");
        String password;
        try {
            password = PgPass.password(Files.readString(pgpass), config.databaseUser());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pgpass + ": " + e.getMessage(), e);
        }
        if (password == null) {
            throw ToolException.unexpectedState(pgpass + " has no password for role " + config.databaseUser()
                    + "; it was not written by this tool");
        }
        String port = config.get(ConfigKey.LAVA_DB_PORT);
        return LabInventory.read(port.matches("\\d+") ? Integer.parseInt(port) : 5432, config.databaseName(),
                config.databaseUser(), password);
    }

    /** The inventory when it can be read (the database up, the instance deployed), for list and status. */
    public static Optional<LabInventory> tryRead(InstanceLayout layout, InstanceConfig config) {
        try {
            return Optional.of(read(layout, config));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
