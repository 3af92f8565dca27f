package org.lavasoftware.deploy.adapters.lava;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.text.Mappers;

/**
 * An instance's REST API (v0.2), asked through the local Apache as any client would: curl, with
 * the instance's host name resolved to this machine (no DNS needed), the token in a header read
 * from curl's standard input, never from its argument list.
 */
public final class LavaApi {
    /** Thrown when the token is refused: the caller may register it and ask again. */
    public static final class Unauthorized extends ToolException {
        Unauthorized(String message) {
            super(org.lavasoftware.deploy.ExitStatus.OPERATION_FAILED, message);
        }
    }

    /** A job as the API shows it: state (Submitted ... Finished), health (Unknown, Complete, Incomplete, Canceled). */
    public record Job(int id, String state, String health, String device, String startTime, String endTime,
                      String failure) {
        public boolean finished() {
            return "Finished".equals(state);
        }
    }

    /** One test case of a job's results. */
    public record TestCase(String suite, String name, String result, String error) {
        public boolean passed() {
            return "pass".equals(result);
        }
    }

    private final ProcessRunner runner;
    private final String base;
    private final String host;
    private final boolean https;
    private final String token;

    /** {@code base}: where the instance's pages are ({@code http://HOST/} or {@code http://HOST/NAME/}). */
    public LavaApi(ProcessRunner runner, String base, String host, boolean https, String token) {
        this.runner = runner;
        this.base = base.endsWith("/") ? base : base + "/";
        this.host = host;
        this.https = https;
        this.token = token;
    }

    /** Submits a job definition; returns its id. LAVA's refusal (its schema, an unknown device type) is bad input. */
    public int submit(String definition) {
        Response r = call("POST", "api/v0.2/jobs/", Mappers.json(Map.of("definition", definition)));
        if (r.status() == 400) {
            throw ToolException.badInput("LAVA refused the job: " + r.message());
        }
        JsonNode ids = r.require(201, "submitting a job").path("job_ids");
        if (!ids.isArray() || ids.isEmpty()) {
            throw ToolException.failed("LAVA accepted the job but named no job id: " + r.body());
        }
        return ids.get(0).asInt();
    }

    public Job job(int id) {
        JsonNode j = call("GET", "api/v0.2/jobs/" + id + "/", null).require(200, "reading job " + id);
        return new Job(id, j.path("state").asText(), j.path("health").asText(), j.path("actual_device").asText(null),
                j.path("start_time").asText(null), j.path("end_time").asText(null), j.path("failure_comment").asText(null));
    }

    /** The job's test cases, LAVA's own (suite lava) included, in the order they were recorded. */
    public List<TestCase> results(int id) {
        Response r = call("GET", "api/v0.2/jobs/" + id + "/yaml/", null);
        if (r.status() != 200) {
            throw r.failure("reading the results of job " + id);
        }
        List<TestCase> cases = new ArrayList<>();
        for (JsonNode c : Mappers.readYaml(r.body().isBlank() ? "[]" : r.body(), "the results of job " + id)) {
            JsonNode metadata = c.path("metadata");
            String error = metadata.path("error_msg").asText(metadata.path("extra").path("fail").asText(null));
            cases.add(new TestCase(c.path("suite").asText(), c.path("name").asText(), c.path("result").asText(), error));
        }
        return cases;
    }

    /** The job's log, as LAVA keeps it (YAML, one line per message). */
    public String log(int id) {
        Response r = call("GET", "api/v0.2/jobs/" + id + "/logs/", null);
        if (r.status() != 200) {
            throw r.failure("reading the log of job " + id);
        }
        return r.body();
    }

    public void cancel(int id) {
        call("GET", "api/v0.2/jobs/" + id + "/cancel/", null).require(200, "canceling job " + id);
    }

    private record Response(int status, String body) {
        JsonNode require(int expected, String what) {
            if (status != expected) {
                throw failure(what);
            }
            return Mappers.readJson(body, "LAVA's answer to " + what);
        }

        ToolException failure(String what) {
            if (status == 401 || status == 403) {
                return new Unauthorized(what + ": LAVA refused the tool's API token (HTTP " + status + ")");
            }
            return ToolException.failed(what + ": LAVA answered " + (status == 0 ? "nothing" : "HTTP " + status)
                    + (message().isEmpty() ? "" : " (" + message() + ")"));
        }

        String message() {
            if (body.startsWith("{")) {
                JsonNode node = Mappers.readJson(body, "LAVA's answer");
                return node.has("message") ? node.get("message").asText() : node.has("detail") ? node.get("detail").asText() : body;
            }
            return body.length() > 200 ? "" : body.strip();
        }
    }

    /**
     * One request. curl reads its options from standard input (-K -): the token's header and the
     * body travel there, quoted as curl's configuration files quote; the status comes last on stdout.
     */
    private Response call(String method, String path, String jsonBody) {
        StringBuilder config = new StringBuilder();
        config.append("header = ").append(quoted("Authorization: Token " + token)).append('\n');
        config.append("header = \"Accept: application/json\"\n");
        if (jsonBody != null) {
            config.append("header = \"Content-Type: application/json\"\n");
            config.append("data-binary = ").append(quoted(jsonBody)).append('\n');
        }
        int port = https ? 443 : 80;
        List<String> argv = new ArrayList<>(List.of("curl", "-s", "-S", "-X", method, "--max-time", "60",
                "--resolve", host + ":" + port + ":127.0.0.1", "-K", "-", "-w", "\\n%{http_code}")); // curl writes the newline
        if (https) {
            argv.add("-k"); // the request goes to this machine's own Apache; its certificate may be self-signed
        }
        argv.add(base + path);
        // the answer is kept out of the log: job definitions and logs would flood it
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        runner.runStreaming(Command.of(argv).timeout(Duration.ofSeconds(90))
                .input(config.toString().getBytes(StandardCharsets.UTF_8)).build(), answer);
        String out = answer.toString(StandardCharsets.UTF_8);
        int cut = out.lastIndexOf('\n');
        int status;
        try {
            status = Integer.parseInt(out.substring(cut + 1).strip());
        } catch (NumberFormatException e) {
            status = 0;
        }
        return new Response(status, cut < 0 ? "" : out.substring(0, cut));
    }

    /** A value in curl's configuration syntax: double quotes, with backslash escapes. */
    static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
