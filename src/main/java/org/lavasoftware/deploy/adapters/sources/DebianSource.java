package org.lavasoftware.deploy.adapters.sources;

import java.nio.file.Path;

/** LAVA as Debian releases it (see {@link DebianRelease}): revisions are Debian versions. */
public final class DebianSource implements CodeSource {
    public static final String SPEC = "debian:lava-server";

    private final DebianRelease release;

    public DebianSource(DebianRelease release) {
        this.release = release;
    }

    public DebianRelease release() {
        return release;
    }

    @Override
    public String kind() {
        return "debian";
    }

    @Override
    public String describe() {
        return "Debian's lava-server packages";
    }

    @Override
    public Revision resolve(String requested) {
        if (requested == null) {
            return new Revision(release.newestVersion(), "the newest apt offers");
        }
        release.requireAvailable(requested);
        return new Revision(requested, "");
    }

    @Override
    public void fetch(Revision revision, Path target) {
        release.extract(revision.id(), target);
    }
}
