package org.lavasoftware.deploy.snapshot;

/** The owner restored files are given, such as the instance's {@code lava-NAME} user. */
public record Ownership(int uid, int gid) {
}
