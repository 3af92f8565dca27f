package org.lavasoftware.deploy.adapters.services;

import org.lavasoftware.deploy.adapters.exec.ProcessRunner;

/** Picks the machine's service manager: systemd when it is the init, supervisord otherwise. */
public final class ServiceManagers {
    private ServiceManagers() {
    }

    public static ServiceManager forThisMachine(ProcessRunner runner) {
        return Systemd.isInit() ? new Systemd(runner) : new Supervisor(runner);
    }
}
