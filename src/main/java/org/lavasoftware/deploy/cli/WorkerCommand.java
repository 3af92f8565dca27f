package org.lavasoftware.deploy.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lavasoftware.deploy.ExitStatus;
import org.lavasoftware.deploy.adapters.lava.LabInventory;
import org.lavasoftware.deploy.engine.operations.devices.Devices;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.text.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "worker", description = {
    "The workers of an instance, which run its jobs: its local lava-worker (installed with it, unless",
    "--no-worker) and any other the server knows."},
        subcommands = {WorkerCommand.ListWorkers.class})
final class WorkerCommand implements Callable<Integer> {
    @ParentCommand
    private LavaDeploymentTool tool;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(tool.context().err());
        return ExitStatus.BAD_INPUT.code();
    }

    @Command(name = "list", description = "List the workers of an instance: name, state (online or not), health, version, devices.")
    static final class ListWorkers implements Callable<Integer> {
        @ParentCommand
        private WorkerCommand worker;

        @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
        private String name;

        @Override
        public Integer call() {
            return PrivilegedCommand.asRoot(worker.tool.context(), this::run);
        }

        private int run(CliContext context) {
            InstanceName instance = InstanceName.of(name);
            List<LabInventory.Device> devices = Devices.list(context.engine(), instance);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (LabInventory.Worker w : Devices.workers(context.engine(), instance)) {
                Map<String, Object> row = new LinkedHashMap<>(w.fields());
                row.put("devices", String.join(",", devices.stream().filter(d -> w.name().equals(d.worker()))
                        .map(LabInventory.Device::name).toList()));
                rows.add(row);
            }
            if (context.options().json) {
                context.out().println(Json.write(rows));
            } else {
                Table.print(context.out(), rows);
            }
            return 0;
        }
    }
}
