package org.lavasoftware.deploy.engine.operations;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.model.LavaRoot;

/**
 * Hands out each instance's three ports: lava-publisher's websocket port, the ZMQ port its
 * events go out on, and gunicorn's loopback port, where the local worker reaches the server. Each
 * instance gets ports no other instance on the machine has, under this
 * root or another, and nothing on the machine listens on. Runs under the root's lock, so two
 * installs into one root cannot get the same ports.
 */
public final class PortAllocator {
    static final int PUBLISHER_BASE = 8101;
    static final int EVENT_BASE = 5601;
    static final int WEB_BASE = 9101;
    private static final int LIMIT = 500;

    public record Ports(int publisher, int event, int web) {
        /** The three as one fact for the journal: {@code 8101 5601 9101}. */
        public String fact() {
            return publisher + " " + event + " " + web;
        }

        public static Ports parse(String fact) {
            String[] p = fact.strip().split(" ");
            return new Ports(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        }
    }

    private PortAllocator() {
    }

    /**
     * Ports no instance of {@code root} has, nor any instance whose programs are registered on
     * the machine from another root ({@code registeredDirectories}): one of those may be stopped,
     * or still starting, and not listen yet.
     */
    public static Ports allocate(LavaRoot root, List<Path> registeredDirectories) {
        Set<Integer> taken = new HashSet<>();
        for (InstanceName name : root.instanceNames()) {
            addPortsOf(root.instance(name), taken);
        }
        for (Path dir : registeredDirectories) {
            InstanceLayout layout = layoutAt(dir);
            if (layout != null) {
                addPortsOf(layout, taken);
            }
        }
        for (int i = 0; i < LIMIT; i++) {
            int publisher = PUBLISHER_BASE + i;
            int event = EVENT_BASE + i;
            int web = WEB_BASE + i;
            if (!taken.contains(publisher) && !taken.contains(event) && !taken.contains(web) && free(publisher)
                    && free(event) && free(web)) {
                return new Ports(publisher, event, web);
            }
        }
        throw ToolException.failed("no free ports from " + PUBLISHER_BASE + ", " + EVENT_BASE + " and " + WEB_BASE
                + " upwards; free some of them");
    }

    private static void addPortsOf(InstanceLayout layout, Set<Integer> taken) {
        try {
            var config = InstanceConfigStore.load(layout).config();
            parse(config.get(ConfigKey.LAVA_PUBLISHER_PORT), taken);
            parse(config.get(ConfigKey.LAVA_EVENT_PORT), taken);
            parse(config.get(ConfigKey.LAVA_WEB_PORT), taken);
        } catch (RuntimeException e) {
            // an unreadable instance.conf holds no port this allocation could know of
        }
    }

    /** The instance a program's working directory ({@code ROOT/instances/NAME}) is, or null. */
    private static InstanceLayout layoutAt(Path dir) {
        Path instances = dir.getParent();
        if (instances == null || instances.getParent() == null || !instances.getFileName().toString().equals("instances")) {
            return null;
        }
        try {
            return new InstanceLayout(new LavaRoot(instances.getParent()), InstanceName.of(dir.getFileName().toString()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void parse(String value, Set<Integer> taken) {
        if (value.matches("\\d+")) {
            taken.add(Integer.parseInt(value));
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
