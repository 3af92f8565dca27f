package org.lavasoftware.deploy.engine.operations.convert;

import java.nio.file.Path;
import org.lavasoftware.deploy.engine.operations.build.Requirement;

/**
 * A package pip installed into the legacy venv, and its fate: its version (from the freeze, else
 * its metadata), whether it is a Django application (a LAVA extension), the version the system has
 * when it has one, and the checkout of an editable install.
 */
public record LegacyPackage(String name, String version, PackageFate fate, boolean app, String systemVersion,
                            Path checkout) {

    public String key() {
        return Requirement.normalize(name);
    }

    /** One line for the plan and the recipe's output. */
    public String describe() {
        StringBuilder s = new StringBuilder(name).append(version == null ? "" : " " + version).append(": ")
                .append(fate.description());
        if (app) {
            s.append(" (a Django application: LAVA extension)");
        }
        if (fate == PackageFate.SYSTEM && systemVersion != null && !systemVersion.equals(version)) {
            s.append(", at ").append(systemVersion).append(" there");
        }
        if (checkout != null) {
            s.append(", from ").append(checkout);
        }
        return s.toString();
    }
}
