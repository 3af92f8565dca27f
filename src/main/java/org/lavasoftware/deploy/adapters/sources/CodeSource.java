package org.lavasoftware.deploy.adapters.sources;

import java.nio.file.Path;

/**
 * Where an instance's code comes from (LAVA_SERVER_BRANCH): a Debian release, a git repository, a
 * Bazaar branch or a local directory. Each gives revisions, and a revision as a complete tree.
 */
public interface CodeSource {
    /** A revision: {@code id} names its directory code/ID; {@code detail} says what it is. */
    record Revision(String id, String detail) {
        @Override
        public String toString() {
            return detail.isEmpty() ? id : id + " (" + detail + ")";
        }
    }

    /** debian, git, bzr or directory. */
    String kind();

    /** For messages and plans: "git repository /srv/src/lava". */
    String describe();

    /**
     * The revision a user named: a Debian version, a git revno (first-parent commit count), tag
     * or commit, a bzr revno or tag; null for the newest. An unknown one is bad input.
     */
    Revision resolve(String requested);

    /** Makes {@code target} (which must not exist) the complete tree of the revision. */
    void fetch(Revision revision, Path target);
}
