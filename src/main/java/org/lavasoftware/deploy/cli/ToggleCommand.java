package org.lavasoftware.deploy.cli;

import org.lavasoftware.deploy.engine.operations.web.WebModes;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.model.WebMode;
import org.lavasoftware.deploy.text.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "toggle", description = {
    "Switch how Apache serves an instance: vhost (its own virtual host, LAVA_APACHE_VHOST) or location",
    "(http://HOST/NAME/ on the machine's default site, so that several instances share one address).",
    "Apache's new files are checked (configtest) before a graceful reload, LAVA's settings follow and its",
    "web program restarts; any failure puts the instance back. An instance in that mode already is left alone."})
final class ToggleCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    private String name;

    @Parameters(index = "1", paramLabel = "MODE", description = "vhost or location.")
    private String mode;

    @Override
    protected int run(CliContext context) {
        InstanceName instance = InstanceName.of(name);
        WebModes.Result result = WebModes.toggle(context.engine(), instance, WebMode.parse(mode));
        if (context.options().json) {
            context.out().println(Json.write(result.fields()));
        } else if (result.outcome() == WebModes.Outcome.ALREADY) {
            context.err().println(instance + " is already served as " + result.mode() + " at " + result.url()
                    + "; nothing changed");
        } else if (result.outcome() == WebModes.Outcome.SWITCHED) {
            context.err().println(instance + " is now served as " + result.mode() + " at " + result.url());
        }
        return 0;
    }
}
