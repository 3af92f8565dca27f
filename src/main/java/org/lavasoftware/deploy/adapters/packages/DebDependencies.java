package org.lavasoftware.deploy.adapters.packages;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns the {@code Depends:} of LAVA's .deb files into the Debian packages to install for running
 * LAVA from a private directory: the Python libraries and JavaScript it uses. What only the
 * package's own installation needs, or what the tool installs and configures itself, is left out.
 */
public final class DebDependencies {
    /** Never installed from a LAVA Depends: see the comment of each. */
    private static final Set<String> SKIPPED = Set.of(
            "adduser", "debconf", "debconf-2.0",   // for the package's maintainer scripts, which never run
            "systemd-sysv",                        // would try to make systemd the init of the machine
            "postgresql", "apache2",               // installed and configured by setup itself
            // lava-dispatcher-host's sharing of USB devices with docker containers builds a BPF
            // program with these (kernel headers, a compiler through bcc): no Python module of
            // the release imports bcc, and the local worker runs its jobs on the host itself
            "python3-bpfcc", "bpftool", "linux-tools-common",
            "linux-headers-amd64", "linux-headers-arm64", "linux-headers-generic");

    private DebDependencies() {
    }

    /** Each dependency as its alternatives, names only (versions and architecture qualifiers dropped). */
    public static List<List<String>> parse(String depends) {
        List<List<String>> items = new ArrayList<>();
        if (depends == null || depends.isBlank()) {
            return items;
        }
        for (String item : depends.split(",")) {
            List<String> alternatives = new ArrayList<>();
            for (String alternative : item.split("\\|")) {
                String name = alternative.replaceAll("\\(.*?\\)", "").replaceAll("\\[.*?]", "").strip();
                int colon = name.indexOf(':');
                if (colon > 0) {
                    name = name.substring(0, colon);
                }
                if (!name.isEmpty()) {
                    alternatives.add(name);
                }
            }
            if (!alternatives.isEmpty()) {
                items.add(alternatives);
            }
        }
        return items;
    }

    /**
     * The packages to install for the given Depends fields: LAVA's own packages (extracted, not
     * installed) and the skipped ones dropped; of alternatives, the first that {@code available}
     * accepts (asked only for alternatives, as each question costs an apt-cache run).
     */
    public static List<String> toInstall(List<String> dependsFields, Predicate<String> available) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String field : dependsFields) {
            for (List<String> alternatives : parse(field)) {
                if (alternatives.stream().anyMatch(a -> a.startsWith("lava-") || SKIPPED.contains(a))) {
                    continue;
                }
                if (alternatives.size() == 1) {
                    chosen.add(alternatives.get(0));
                } else {
                    chosen.add(alternatives.stream().filter(available).findFirst().orElse(alternatives.get(0)));
                }
            }
        }
        return new ArrayList<>(chosen);
    }
}
