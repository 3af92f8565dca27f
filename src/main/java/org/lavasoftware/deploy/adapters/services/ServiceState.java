package org.lavasoftware.deploy.adapters.services;

/** What the service manager says of one program. */
public enum ServiceState {
    RUNNING, STARTING, STOPPED, FAILED, UNKNOWN;

    public boolean isUp() {
        return this == RUNNING || this == STARTING;
    }
}
