package org.lavasoftware.deploy.model;

/**
 * The keys of {@code instance.conf}, in the order the file is written, with the comment written
 * above each. The names are the classic tool's so that its files and habits keep working.
 */
public enum ConfigKey {
    LAVA_CONFIG_VERSION("Config version"),
    LAVA_PREFIX("Installation prefix"),
    LAVA_INSTANCE("Instance name"),
    LAVA_SERVER_BRANCH("Where the code comes from: debian:lava-server, a git or bzr branch, or a directory"),
    LAVA_BUILDOUT_CFG("The buildout config describing what the instance runs"),
    LAVA_SYS_USER("System configuration (Unix-level)"),
    LAVA_INSTANCE_OWNS_USER(null),
    LAVA_APACHE_VHOST("Apache configuration"),
    LAVA_WEB_MODE(null),
    LAVA_HTTPS(null),
    LAVA_DEV_MODE(null),
    LAVA_DB_NAME("PostgreSQL configuration"),
    LAVA_DB_USER(null),
    LAVA_DB_PORT(null),
    LAVA_DB_PASSWORD(null),
    LAVA_SCHEDULER_ENABLED("Services"),
    LAVA_PUBLISHER_PORT(null),
    LAVA_EVENT_PORT(null),
    LAVA_SERVER_IP(null),
    LAVA_PROXY(null),
    LAVA_WEB_PORT(null),
    LAVA_WORKER_ENABLED("The local worker: lava-worker beside the server, running its jobs"),
    LAVA_WORKER_NAME(null);

    private final String comment;

    ConfigKey(String comment) {
        this.comment = comment;
    }

    /** The comment line written above the key, or null when it shares its group's comment. */
    public String comment() {
        return comment;
    }
}
