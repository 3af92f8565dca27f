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
        // component by component, without splitting: every path of every manifest comes here
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            int length = end - start;
            if (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
                return "it climbs out with '..'";
            }
            if (length == 0 || (length == 1 && path.charAt(start) == '.')) {
                return "it has an empty or '.' component";
            }
            start = end + 1;
        }
        return null;
    }
}
