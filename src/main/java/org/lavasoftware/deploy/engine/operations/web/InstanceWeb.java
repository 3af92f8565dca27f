package org.lavasoftware.deploy.engine.operations.web;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.apache.Apache;
import org.lavasoftware.deploy.adapters.apache.ApacheChange;
import org.lavasoftware.deploy.adapters.apache.ApacheSite;
import org.lavasoftware.deploy.adapters.apache.DefaultSite;
import org.lavasoftware.deploy.adapters.apache.LocationSite;
import org.lavasoftware.deploy.adapters.apache.SiteSpec;
import org.lavasoftware.deploy.adapters.services.ServiceManager;
import org.lavasoftware.deploy.adapters.services.ServiceState;
import org.lavasoftware.deploy.adapters.web.MachineName;
import org.lavasoftware.deploy.engine.InstanceLock;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.operations.InstanceFiles;
import org.lavasoftware.deploy.engine.operations.InstanceServices;
import org.lavasoftware.deploy.engine.operations.LocalWorker;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.WebMode;

/**
 * The web part of one instance and what switching it between modes touches: its Apache files
 * (the virtual host lava-NAME, or its location file on the tool's default site), LAVA's settings
 * (MOUNT_POINT and what goes with it) and the web program that reads them. Every action converges
 * to the mode it is given, so the undo of a switch is the same action with the previous mode.
 */
public final class InstanceWeb {
    private final InstanceLayout layout;
    private final InstanceConfig config;
    private final Machine machine;
    private final InstanceFiles files;
    private final Consumer<String> notices;

    private InstanceWeb(InstanceLayout layout, InstanceConfig config, Machine machine, Consumer<String> notices) {
        this.layout = layout;
        this.config = config;
        this.machine = machine;
        this.files = new InstanceFiles(layout, config, machine);
        this.notices = notices;
    }

    public static InstanceWeb of(OperationContext context, InstanceLayout layout) {
        return new InstanceWeb(layout, InstanceConfigStore.load(layout).config(), Machine.of(context),
                context.reporter()::info);
    }

    /**
     * Why the instance has no web part to switch, or null when it has one: a host to serve and the
     * settings of a web program (an instance without them is a worker, or not this tool's).
     */
    public static String missingWebPart(InstanceLayout layout, InstanceConfig config) {
        if (config.get(ConfigKey.LAVA_APACHE_VHOST).isBlank()) {
            return "its LAVA_APACHE_VHOST is empty";
        }
        if (!Files.isRegularFile(layout.etcLavaServer().resolve("lava.env"))) {
            return "it has no " + layout.etcLavaServer().resolve("lava.env");
        }
        return null;
    }

    public String name() {
        return layout.name().value();
    }

    public InstanceConfig config() {
        return config;
    }

    private String site() {
        return layout.name().systemName();
    }

    /** The Apache change that serves the instance as {@code mode}, decided on the files as they are now. */
    public ApacheChange apacheChange(WebMode mode) {
        ApacheChange change = new ApacheChange(machine.apache());
        SiteSpec spec = files.site();
        if (mode == WebMode.VHOST) {
            change.write(files.siteFile(), ApacheSite.render(spec))
                    .link(Apache.siteFile(site()), files.siteFile())
                    .enable(site());
            leaveDefaultSite(change);
            // as the classic tool did: a virtual host, not Debian's page, answers the machine's own name
            change.disable(DefaultSite.DEBIAN_DEFAULT);
        } else {
            change.write(files.locationFile(), LocationSite.render(spec, MachineName.get()))
                    .link(DefaultSite.entry(name()), files.locationFile())
                    .write(DefaultSite.file(), DefaultSite.render())
                    .enable(DefaultSite.NAME)
                    .disable(site());
        }
        return change;
    }

    /** Takes the instance off the default site, and the site away with the last instance it served. */
    private void leaveDefaultSite(ApacheChange change) {
        change.delete(DefaultSite.entry(name())).delete(files.locationFile());
        if (!DefaultSite.servesOtherThan(name())) {
            change.disable(DefaultSite.NAME).delete(DefaultSite.file()).deleteIfEmpty(DefaultSite.INCLUDE_DIR);
        }
    }

    /**
     * Makes Apache serve the instance as {@code mode}: files written, configtest (everything put
     * back, and Apache's message in the error, when it fails), then a graceful reload unless the
     * caller reloads once for several instances.
     */
    public ApacheChange switchApache(WebMode mode, boolean reload) {
        try (InstanceLock lock = ApacheLock.take("serve " + name() + " as " + mode, notices)) {
            ApacheChange change = apacheChange(mode);
            change.apply(name() + " (" + mode + ")");
            if (reload) {
                machine.apache().graceful();
            }
            return change;
        }
    }

    /** Puts back exactly what {@code change} replaced (files, sites enabled or not), and reloads. */
    public void putBack(ApacheChange change) {
        try (InstanceLock lock = ApacheLock.take("put back " + name(), notices)) {
            change.putBack();
            machine.apache().graceful();
        }
    }

    /** Takes the instance out of Apache altogether (remove); reloads unless Apache is broken anyway. */
    public void removeFromApache() {
        try (InstanceLock lock = ApacheLock.take("remove " + name(), notices)) {
            ApacheChange change = new ApacheChange(machine.apache()).disable(site()).delete(Apache.siteFile(site()));
            leaveDefaultSite(change);
            change.perform();
            if (machine.apache().configProblem() == null) {
                machine.apache().graceful();
            }
        }
    }

    /** One graceful reload of Apache, for toggle_all's several changes. */
    public static void reloadApache(Machine machine, Consumer<String> notices) {
        try (InstanceLock lock = ApacheLock.take("reload", notices)) {
            machine.apache().graceful();
        }
    }

    public List<String> describeSettings(WebMode mode) {
        String what = mode == WebMode.LOCATION
                ? "MOUNT_POINT, STATIC_URL, LOGIN_URL, LOGIN_REDIRECT_URL, CSRF_COOKIE_PATH under "
                        + LocationSite.prefix(name()) + "; ALLOWED_HOSTS " + MachineName.get()
                : "no MOUNT_POINT (served at /); ALLOWED_HOSTS " + config.get(ConfigKey.LAVA_APACHE_VHOST);
        List<String> lines = new java.util.ArrayList<>(List.of(files.settings(mode).envFile() + ": " + what + "; its SECRET_KEY kept",
                "restart " + InstanceServices.web(layout) + " if it runs (gunicorn reads its environment when it starts)"));
        if (new LocalWorker(layout, config).enabled()) {
            lines.add("the local worker's URL follows (" + layout.etcLavaDispatcher().resolve("lava-worker") + "); restart "
                    + LocalWorker.program(layout) + " if it runs");
        }
        return lines;
    }

    /** LAVA's settings for {@code mode}, and the web program restarted to read them if it runs. */
    public void switchSettings(WebMode mode) {
        files.rewriteSettings(mode);
        if (webRunning()) {
            ServiceManager services = machine.services();
            String group = InstanceServices.group(layout);
            List<String> web = List.of(InstanceServices.web(layout));
            services.stop(group, web);
            services.start(group, web);
        }
        new LocalWorker(layout, config).restartIfRunning(machine);
    }

    public boolean webRunning() {
        ServiceManager services = machine.services();
        if (!services.isRegistered(InstanceServices.group(layout))) {
            return false;
        }
        ServiceState state = services.states().get(InstanceServices.web(layout));
        return state != null && state.isUp();
    }

    /** Waits for the page through Apache, when the web program runs (a stopped instance stays stopped). */
    public void awaitServing(WebMode mode) {
        if (!webRunning()) {
            notices.accept(name() + ": its web program is not running; it will serve as " + mode + " when started");
            return;
        }
        WebAddress.Probe probe = WebAddress.probe(config, mode);
        int status = machine.http().awaitOk(probe.url(), probe.host(), probe.https(), Duration.ofMinutes(2));
        if (status != 200) {
            throw ToolException.failed(probe.url() + " answered " + (status == 0 ? "nothing" : status)
                    + " instead of 200; see " + layout.logDir() + "/gunicorn.log and django.log");
        }
    }

    /** Records the mode in instance.conf (LAVA_WEB_MODE), re-read so that nothing else is overwritten. */
    public void record(WebMode mode) {
        InstanceConfig current = InstanceConfigStore.load(layout).config();
        current.set(ConfigKey.LAVA_WEB_MODE, mode.value());
        InstanceConfigStore.save(layout, current);
    }
}
