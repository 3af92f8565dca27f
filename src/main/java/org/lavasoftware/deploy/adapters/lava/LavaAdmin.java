package org.lavasoftware.deploy.adapters.lava;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ExecResult;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.text.Mappers;

/**
 * Asks an instance's own Django models for what LAVA's management commands do not do quietly:
 * a worker registered with a token the tool chose (never printed), devices checked, added, moved,
 * retired. Each request is one start of {@code lava-server manage shell} running lava_admin.py,
 * the request (token included) on its standard input.
 */
public final class LavaAdmin {
    /** The arguments of {@code lava-server manage} that run the helper. */
    public static final List<String> SHELL = List.of("shell", "-c", load());

    private final ProcessRunner runner;
    private final Command shell;

    /** {@code shell}: {@code lava-server manage SHELL} as the instance's user (on a staging database, maybe). */
    public LavaAdmin(ProcessRunner runner, Command shell) {
        this.runner = runner;
        this.shell = shell;
    }

    /** Creates the worker, or gives it this token and makes it active again. True when it was created. */
    public boolean registerWorker(String name, String token, String description) {
        return ask(request("worker-register", "name", name, "token", token, "description", description)).path("created").asBoolean();
    }

    /** Retires the worker (its jobs keep their history); nothing when there is none. */
    public void retireWorker(String name) {
        ask(request("worker-retire", "name", name));
    }

    /** Deletes the worker when no device refers to it, else retires it. */
    public void forgetWorker(String name) {
        ask(request("worker-forget", "name", name));
    }

    /** Moves every device of worker {@code from} to worker {@code to}; returns how many. */
    public int moveDevices(String from, String to) {
        return ask(request("devices-move", "from", from, "to", to)).path("moved").asInt();
    }

    /** Refuses (bad input, one line) a dictionary LAVA cannot render into a device configuration. */
    public void checkDictionary(String device, String type, String dictionary) {
        ask(request("device-check", "hostname", device, "type", type, "dictionary", dictionary));
    }

    /** Adds the device on the worker, its type created when new; true when its type has a health check. */
    public boolean addDevice(String device, String type, String worker, String health) {
        return ask(request("device-add", "hostname", device, "type", type, "worker", worker, "health", health))
                .path("healthCheck").asBoolean();
    }

    /** What became of a removed device: deleted, or retired because jobs ran on it. */
    public record Removal(boolean deleted, int jobs) {
    }

    public Removal removeDevice(String device) {
        JsonNode answer = ask(request("device-remove", "hostname", device));
        return new Removal(answer.path("deleted").asBoolean(), answer.path("jobs").asInt());
    }

    /** Sets the device's health (GOOD, UNKNOWN, ...); returns the health it had. */
    public String setHealth(String device, String health) {
        return ask(request("device-health", "hostname", device, "health", health)).path("previous").asText();
    }

    /** The user the tool submits jobs as, with this API token. */
    public void ensureApiUser(String user, String token) {
        ask(request("api-user", "username", user, "token", token));
    }

    private static Map<String, String> request(String action, String... pairs) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("action", action);
        for (int i = 0; i < pairs.length; i += 2) {
            request.put(pairs[i], pairs[i + 1]);
        }
        return request;
    }

    private JsonNode ask(Map<String, String> request) {
        Command command = Command.of(shell.argv()).as(shell.runAs()).in(shell.workDir()).env(shell.env())
                .timeout(shell.timeout()).input(Mappers.json(request).getBytes(StandardCharsets.UTF_8)).build();
        ExecResult result = runner.runAllowingFailure(command);
        String last = result.stdout().strip().lines().reduce((a, b) -> b).orElse("");
        JsonNode answer = last.startsWith("{") ? Mappers.readJson(last, "lava_admin's answer") : null;
        if (answer != null && answer.has("error")) {
            throw answer.path("refused").asBoolean() ? ToolException.badInput(answer.get("error").asText())
                    : ToolException.failed(answer.get("error").asText());
        }
        if (!result.succeeded() || answer == null) {
            throw ToolException.failed("LAVA's " + request.get("action") + " failed (exit " + result.exitCode() + "): "
                    + result.lastErrorLine());
        }
        return answer;
    }

    private static String load() {
        try (InputStream in = LavaAdmin.class.getResourceAsStream("lava_admin.py")) {
            if (in == null) {
                throw new IllegalStateException("lava_admin.py is missing from the tool's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
