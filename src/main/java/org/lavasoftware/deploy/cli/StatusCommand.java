package org.lavasoftware.deploy.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.engine.operations.InstanceHealth;
import org.lavasoftware.deploy.engine.operations.InstanceQueries;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.text.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = {
    "Check instances (all of them without NAME): each service, a request through Apache to the",
    "instance's URL, its workers (online or not) and devices (with --json: each, with its state and",
    "health). Exit status 1 when one is not running."})
final class StatusCommand extends PrivilegedCommand {
    @Parameters(paramLabel = "NAME", arity = "0..*", description = "The instances (default: all).")
    private List<String> names = new ArrayList<>();

    @Override
    protected int run(CliContext context) {
        List<InstanceName> targets = names.isEmpty() ? context.root().instanceNames()
                : names.stream().map(InstanceName::of).toList();
        InstanceQueries queries = context.engine().queries();
        List<InstanceHealth> health = targets.stream().map(n -> queries.health(context.engine().interrupted(n).isPresent()
                ? context.root().instance(n) : context.engine().existing(n))).toList();
        if (context.options().json) {
            context.out().println(Json.write(health.stream().map(InstanceHealth::fields).toList()));
        } else {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (InstanceHealth h : health) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", h.name());
                row.put("state", h.state());
                row.put("services", String.join(" ", h.programs().entrySet().stream()
                        .map(e -> e.getKey().substring(e.getKey().lastIndexOf('-') + 1) + "=" + e.getValue().name().toLowerCase())
                        .toList()));
                row.put("workers", h.lab() == null ? null : h.lab().workerSummary());
                row.put("devices", h.lab() == null ? null : h.lab().deviceSummary());
                row.put("url", h.url());
                row.put("http", h.httpStatus());
                rows.add(row);
            }
            Table.print(context.out(), rows);
        }
        return health.stream().allMatch(h -> h.state().equals("running")) ? 0 : 1;
    }
}
