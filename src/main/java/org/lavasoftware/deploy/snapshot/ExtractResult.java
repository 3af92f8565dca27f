package org.lavasoftware.deploy.snapshot;

/**
 * What an extraction made. {@code ownershipApplied} is false when an owner was asked for but the
 * process, not being root, could not give files away; they then belong to the user who ran it.
 */
public record ExtractResult(long files, long directories, long symlinks, long bytes, boolean ownershipApplied) {
}
