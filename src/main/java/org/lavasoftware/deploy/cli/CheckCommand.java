package org.lavasoftware.deploy.cli;

import java.time.Duration;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.operations.jobs.JobReport;
import org.lavasoftware.deploy.engine.operations.jobs.SmokeCheck;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.text.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", description = {
    "Run a real job: the smoke job (a Debian kernel and a busybox ramdisk, made once from Debian's packages",
    "and kept in the root's cache) on a QEMU device of the instance's local worker, submitted through its",
    "API as a client would, followed to its end. Prints its health, test cases and duration; exit status 1",
    "when it is not Complete with every test case passing."})
final class CheckCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    private String name;

    @Option(names = "--timeout", paramLabel = "MINUTES", defaultValue = "15",
            description = "How long to wait for the job, queue included (default 15); then it is canceled.")
    private int minutes;

    @Override
    protected int run(CliContext context) {
        if (minutes < 1) {
            throw ToolException.badInput("--timeout is in minutes, at least 1");
        }
        JobReport report = SmokeCheck.run(context.engine(), InstanceName.of(name), Duration.ofMinutes(minutes));
        if (report == null) {
            return 0;
        }
        if (context.options().json) {
            context.out().println(Json.write(report.fields()));
        } else {
            report.describe().forEach(context.out()::println);
        }
        return report.passed() ? 0 : 1;
    }
}
