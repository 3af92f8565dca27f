package org.lavasoftware.deploy.engine.operations.convert;

/** What becomes of a package of the legacy venv when the instance moves to its build. */
public enum PackageFate {
    /** part of LAVA's own tree (lava-server, lava-common, ...): the new revision brings it */
    LAVA("in LAVA's tree"),
    /** among the target config's eggs: the build installs or finds it */
    TARGET("among the target's eggs"),
    /** the system's site-packages have it too (Debian's python3-*): the build sees that one */
    SYSTEM("provided by the system"),
    /** the target would drop it: added back with eggs +=, installed from the download cache */
    READD("dropped by the target: added back with eggs +="),
    /** the target would drop it, and it was installed editable: added back as a develop checkout */
    DEVELOP("dropped by the target, installed editable: added back as a develop checkout");

    private final String description;

    PackageFate(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public boolean dropped() {
        return this == READD || this == DEVELOP;
    }
}
