package org.lavasoftware.deploy.engine.operations.build;

/**
 * Debian's lava-server release has no buildout config: this one describes it (the part
 * {@code server} with the eggs lava-server and lava-scheduler, as lava-manifest's buildout.cfg
 * had them), written as {@code lava.cfg} in an instance's directory for a custom.cfg to extend.
 */
public final class DebianTreeConfig {
    public static final String FILE = "lava.cfg";
    public static final String PART = "server";

    private DebianTreeConfig() {
    }

    public static String text(String writer) {
        return "# Debian's lava-server release as a buildout config (" + writer + ")\n"
                + "[buildout]\nparts = " + PART + "\n\n[" + PART + "]\nrecipe = z3c.recipe.scripts\neggs =\n"
                + "    lava-server\n    lava-scheduler\n";
    }
}
