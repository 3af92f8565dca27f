package org.lavasoftware.deploy.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.lavasoftware.deploy.text.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParentCommand;

@Command(name = "version", description = "Print the version of lava-deployment-tool.")
final class VersionCommand implements Callable<Integer> {
    @ParentCommand
    private LavaDeploymentTool tool;

    @Override
    public Integer call() {
        CliContext context = tool.context();
        if (context.options().json) {
            context.out().println(Json.write(Map.of("version", version())));
        } else {
            context.out().println("lava-deployment-tool " + version());
        }
        return 0;
    }

    static String version() {
        return org.lavasoftware.deploy.engine.Engine.toolVersion();
    }

    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lava-deployment-tool " + version()};
        }
    }
}
