package org.lavasoftware.deploy.engine.operations;

import org.lavasoftware.deploy.adapters.web.MachineName;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.model.LavaRoot;

/** What an install uses when the user does not say. */
public final class InstallDefaults {
    private InstallDefaults() {
    }

    /**
     * The machine's name, as the classic tool used, for the first instance; NAME.machine for the
     * next ones, since two instances cannot share a virtual host.
     */
    public static String host(LavaRoot root, InstanceName name) {
        String machine = MachineName.get();
        boolean taken = root.instanceNames().stream().anyMatch(other -> {
            try {
                return InstanceConfigStore.load(root.instance(other)).config().get(ConfigKey.LAVA_APACHE_VHOST)
                        .equalsIgnoreCase(machine);
            } catch (RuntimeException e) {
                return false;
            }
        });
        return taken ? name + "." + machine : machine;
    }

    /** Whether install has to run setup's steps first. */
    public static boolean needsSetup(LavaRoot root) {
        return !SetupState.isCurrent(root);
    }
}
