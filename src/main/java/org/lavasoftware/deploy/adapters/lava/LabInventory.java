package org.lavasoftware.deploy.adapters.lava;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.lavasoftware.deploy.ToolException;

/**
 * An instance's workers and devices as its database holds them, read as the instance's own role
 * (a query, fast enough for {@code list}; LAVA's web and Django are not involved). The names of
 * states and healths are LAVA 2023.01's.
 */
public final class LabInventory {
    private static final List<String> WORKER_STATES = List.of("Online", "Offline");
    private static final List<String> WORKER_HEALTHS = List.of("Active", "Maintenance", "Retired");
    private static final List<String> DEVICE_STATES = List.of("Idle", "Reserved", "Running");
    public static final List<String> DEVICE_HEALTHS = List.of("Good", "Unknown", "Looping", "Bad", "Maintenance", "Retired");

    public record Worker(String name, String state, String health, String version, Instant lastPing) {
        public Map<String, Object> fields() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", name);
            f.put("state", state);
            f.put("health", health);
            f.put("version", version);
            f.put("last ping", lastPing == null ? null : lastPing.toString());
            return f;
        }
    }

    public record Device(String name, String type, String worker, String state, String health, Integer job) {
        /** Whether the scheduler gives it jobs: Good, or Unknown (a health check first, where its type has one). */
        public boolean takesJobs() {
            return health.equals("Good") || health.equals("Unknown");
        }

        public Map<String, Object> fields() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", name);
            f.put("type", type);
            f.put("worker", worker);
            f.put("state", state);
            f.put("health", health);
            f.put("job", job);
            return f;
        }
    }

    private final List<Worker> workers;
    private final List<Device> devices;

    public LabInventory(List<Worker> workers, List<Device> devices) {
        this.workers = List.copyOf(workers);
        this.devices = List.copyOf(devices);
    }

    public List<Worker> workers() {
        return workers;
    }

    public List<Device> devices() {
        return devices;
    }

    /** Reads the inventory of database {@code database} on 127.0.0.1:{@code port} as {@code role}. */
    public static LabInventory read(int port, String database, String role, String password) {
        Properties props = new Properties();
        props.setProperty("user", role);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", "lava-deployment-tool");
        props.setProperty("connectTimeout", "5");
        props.setProperty("readOnly", "true");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, props);
             Statement s = c.createStatement()) {
            List<Worker> workers = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT hostname, state, health, version, last_ping "
                    + "FROM lava_scheduler_app_worker ORDER BY hostname")) {
                while (r.next()) {
                    Timestamp ping = r.getTimestamp(5);
                    workers.add(new Worker(r.getString(1), name(WORKER_STATES, r.getInt(2)), name(WORKER_HEALTHS, r.getInt(3)),
                            r.getString(4), ping == null ? null : ping.toInstant()));
                }
            }
            List<Device> devices = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT d.hostname, d.device_type_id, d.worker_host_id, d.state, d.health, "
                    + "(SELECT max(j.id) FROM lava_scheduler_app_testjob j WHERE j.actual_device_id = d.hostname "
                    + "AND j.state BETWEEN 1 AND 4) FROM lava_scheduler_app_device d ORDER BY d.hostname")) {
                while (r.next()) {
                    int job = r.getInt(6);
                    Integer current = r.wasNull() ? null : job;
                    devices.add(new Device(r.getString(1), r.getString(2), r.getString(3), name(DEVICE_STATES, r.getInt(4)),
                            name(DEVICE_HEALTHS, r.getInt(5)), current));
                }
            }
            return new LabInventory(workers, devices);
        } catch (SQLException e) {
            throw ToolException.failed("cannot read the workers and devices of database " + database + ": " + e.getMessage(), e);
        }
    }

    private static String name(List<String> names, int value) {
        return value >= 0 && value < names.size() ? names.get(value) : Integer.toString(value);
    }

    public List<Device> devicesOf(String worker) {
        return devices.stream().filter(d -> worker.equals(d.worker())).toList();
    }

    /** "1 of 1 online" for the workers that are not retired. */
    public String workerSummary() {
        List<Worker> active = workers.stream().filter(w -> !w.health().equals("Retired")).toList();
        long online = active.stream().filter(w -> w.state().equals("Online")).count();
        return active.isEmpty() ? "none" : online + " of " + active.size() + " online";
    }

    /** "2 (1 good)" for the devices that are not retired. */
    public String deviceSummary() {
        List<Device> present = devices.stream().filter(d -> !d.health().equals("Retired")).toList();
        long good = present.stream().filter(d -> d.health().equals("Good")).count();
        return present.isEmpty() ? "none" : present.size() + " (" + good + " good)";
    }
}
