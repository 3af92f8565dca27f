package org.lavasoftware.deploy.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.snapshot.SnapshotInfo;
import org.lavasoftware.deploy.snapshot.Snapshots;
import org.lavasoftware.deploy.text.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "snapshots", description = "List an instance's snapshots: id, size, new bytes, age, kind, which is latest.")
final class SnapshotsCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    private String name;

    @Override
    protected int run(CliContext context) {
        Snapshots snapshots = Snapshots.of(context.root(), InstanceName.of(name), context.err()::println);
        List<Map<String, Object>> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (SnapshotInfo info : snapshots.list()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", info.id().toString());
            row.put("size", context.options().json ? info.bytes() : Units.format(info.bytes(), "B"));
            row.put("new", context.options().json ? info.newBytes() : Units.format(info.newBytes(), "B"));
            row.put("age", context.options().json ? info.age(now).toSeconds() : age(info.age(now)));
            row.put("kind", info.kind());
            row.put("latest", info.latest() ? (context.options().json ? true : "latest") : (context.options().json ? false : ""));
            rows.add(row);
        }
        if (context.options().json) {
            context.out().println(Json.write(rows));
        } else if (rows.isEmpty()) {
            context.err().println("no snapshots of " + name + " in " + snapshots.dir());
        } else {
            Table.print(context.out(), rows);
        }
        return 0;
    }

    private static String age(Duration age) {
        long minutes = age.toMinutes();
        return minutes < 60 ? minutes + " min" : minutes < 48 * 60 ? age.toHours() + " h" : age.toDays() + " days";
    }
}
