package org.lavasoftware.deploy.cli;

import java.util.Map;
import org.lavasoftware.deploy.engine.operations.build.BuildoutReport;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.text.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "buildout", description = {
    "Show an instance's buildout config as resolved (LAVA_BUILDOUT_CFG, its extends, += and -=, $${section:option}):",
    "the effective parts, eggs, develop checkouts and pins, each with the file and line it came from,",
    "and what the current revision was built with. --json for other programs."})
final class BuildoutCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    private String name;

    @Override
    protected int run(CliContext context) {
        Map<String, Object> report = context.engine().buildout(InstanceName.of(name));
        if (context.options().json) {
            context.out().println(Json.write(report));
        } else {
            BuildoutReport.lines(report).forEach(context.out()::println);
        }
        return 0;
    }
}
