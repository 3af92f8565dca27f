package org.lavasoftware.deploy.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lavasoftware.deploy.engine.InstanceSummary;
import org.lavasoftware.deploy.text.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", description = "List the instances: name, web mode, code revision, state.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    private LavaDeploymentTool tool;

    @Override
    public Integer call() {
        CliContext context = tool.context();
        List<InstanceSummary> instances = context.engine().list();
        if (context.options().json) {
            context.out().println(Json.write(instances.stream().map(InstanceSummary::fields).toList()));
        } else if (instances.isEmpty()) {
            context.err().println("no instances under " + context.root().path());
        } else {
            Table.print(context.out(), instances.stream().map(InstanceSummary::row).toList());
        }
        return 0;
    }
}
