package org.lavasoftware.deploy.engine.operations.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.adapters.lava.LavaApi;

/**
 * How a job ended, as LAVA recorded it: its health, the device it ran on, how long it took, and its
 * test cases. It passed when it is Complete and every test case passed.
 */
public record JobReport(int id, String url, String state, String health, String device, long seconds,
                        List<LavaApi.TestCase> cases, String failure) {

    public boolean passed() {
        return "Complete".equals(health) && !cases.isEmpty() && cases.stream().allMatch(LavaApi.TestCase::passed);
    }

    /** The test cases of the job's own test definitions: LAVA's bookkeeping (suite lava) left out. */
    public List<LavaApi.TestCase> tests() {
        return cases.stream().filter(c -> !c.suite().equals("lava")).toList();
    }

    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        long passed = tests().stream().filter(LavaApi.TestCase::passed).count();
        lines.add("job " + id + " " + health + (device == null ? "" : " on " + device) + " in " + seconds + " s: "
                + passed + " of " + tests().size() + " test cases passed (" + url + ")");
        for (LavaApi.TestCase c : cases) {
            if (!c.suite().equals("lava") || !c.passed()) {
                lines.add("  " + c.suite() + "." + c.name() + " " + c.result() + (c.error() == null ? "" : ": " + c.error()));
            }
        }
        if (failure != null && !failure.isBlank()) {
            lines.add("  failure: " + failure.strip());
        }
        return lines;
    }

    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("url", url);
        f.put("state", state);
        f.put("health", health);
        f.put("device", device);
        f.put("seconds", seconds);
        f.put("passed", passed());
        List<Map<String, Object>> results = new ArrayList<>();
        for (LavaApi.TestCase c : cases) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("suite", c.suite());
            r.put("name", c.name());
            r.put("result", c.result());
            results.add(r);
        }
        f.put("results", results);
        return f;
    }
}
