package org.lavasoftware.deploy.buildout;

import java.nio.file.Path;

/**
 * Where a piece of configuration was written: a file and a line. {@code name} is the file as the
 * user knows it (relative to the directory of the file that was loaded, when it lies inside it),
 * so that messages and the {@code buildout NAME} listing stay short.
 */
public record Origin(Path file, String name, int line) {

    /** The values buildout supplies itself, such as {@code [buildout] directory}. */
    public static final Origin DEFAULT = new Origin(null, "buildout default", 0);

    public boolean isDefault() {
        return file == null;
    }

    @Override
    public String toString() {
        return isDefault() ? name : name + ":" + line;
    }
}
