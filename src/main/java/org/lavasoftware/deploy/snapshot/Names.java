package org.lavasoftware.deploy.snapshot;

/** How names met in snapshots, manifests and archives are checked and shown in messages. */
final class Names {
    private Names() {
    }

    /** A name quoted for a one-line message: control characters escaped, overlong names cut. */
    static String shown(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (++shown > 200) {
                out.append("...");
                break;
            }
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /**
     * Why {@code path} is not a clean relative path ('/'-separated, no empty, '.' or '..'
     * component, no NUL), or null when it is one. Manifests and archives are read from disks that
     * others may have written: such a path must never lead out of the directory it is resolved in.
     */
    static String problemWithRelative(String path) {
        if (path == null || path.isEmpty()) {
            return "it is empty";
        }
        if (path.startsWith("/")) {
            return "it is absolute";
        }
        if (path.indexOf('\0') >= 0) {
            return "it holds a NUL character";
        }
        for (String part : path.split("/", -1)) {
            if (part.equals("..")) {
                return "it climbs out with '..'";
            }
            if (part.isEmpty() || part.equals(".")) {
                return "it has an empty or '.' component";
            }
        }
        return null;
    }
}
