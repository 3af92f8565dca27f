package org.lavasoftware.deploy.snapshot;

/**
 * What a backup knows about the instance it saves, recorded in the manifest so that a restore
 * can tell what it is about to bring back. The code revision and the PostgreSQL version may be
 * unknown (null), for an instance too broken to say.
 */
public record SnapshotMetadata(String instance, String toolVersion, String codeRevision, String postgresqlVersion) {
    public SnapshotMetadata {
        if (instance == null || instance.isBlank() || toolVersion == null || toolVersion.isBlank()) {
            throw new IllegalArgumentException("a snapshot needs the instance name and the tool version");
        }
    }
}
