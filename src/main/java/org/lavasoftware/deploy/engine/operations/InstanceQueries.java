package org.lavasoftware.deploy.engine.operations;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lavasoftware.deploy.adapters.lava.LabInventory;
import org.lavasoftware.deploy.adapters.services.ServiceManager;
import org.lavasoftware.deploy.adapters.services.ServiceState;
import org.lavasoftware.deploy.engine.Journal;
import org.lavasoftware.deploy.engine.JournalState;
import org.lavasoftware.deploy.engine.operations.web.WebAddress;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.LavaRoot;
import org.lavasoftware.deploy.model.WebMode;

/** Asks the service manager and Apache how instances are doing, for list and status. */
public final class InstanceQueries {
    private final LavaRoot root;
    private final Machine machine;
    private Map<String, ServiceState> states;

    public InstanceQueries(LavaRoot root, Machine machine) {
        this.root = root;
        this.machine = machine;
    }

    /** The programs of the instance and their states; one query of the service manager for all instances. */
    public Map<String, ServiceState> programs(InstanceLayout layout) {
        ServiceManager services = machine.services();
        String group = InstanceServices.group(layout);
        if (!services.isRegisteredFor(group, layout.dir())) {
            return Map.of(); // not deployed, or deployed from another root under the same name
        }
        if (states == null) {
            states = services.states();
        }
        Map<String, ServiceState> mine = new LinkedHashMap<>();
        states.forEach((program, state) -> {
            if (program.startsWith(group + "-")) {
                mine.put(program, state);
            }
        });
        if (mine.isEmpty()) {
            mine.put(InstanceServices.web(layout), ServiceState.UNKNOWN);
        }
        return mine;
    }

    public String serviceState(InstanceLayout layout) {
        return InstanceHealth.state(new ArrayList<>(programs(layout).values()));
    }

    /**
     * The whole picture of one instance, the page fetched through Apache included; an instance
     * whose operation was interrupted says where, even one an install had barely begun.
     */
    public InstanceHealth health(InstanceLayout layout) {
        Optional<JournalState> interrupted = Journal.interruptedOn(layout);
        if (interrupted.isPresent() && !Files.exists(layout.configFile())) {
            return new InstanceHealth(layout.name().value(), "interrupted (" + interrupted.get().brief() + ")", Map.of(),
                    null, null, null);
        }
        InstanceConfig config = InstanceConfigStore.load(layout).config();
        Map<String, ServiceState> programs = programs(layout);
        String url = InstanceHealth.url(config);
        String state = InstanceHealth.state(new ArrayList<>(programs.values()));
        Integer http = null;
        if (url != null && !programs.isEmpty()) {
            WebAddress.Probe probe = WebAddress.probe(config, WebMode.of(config));
            http = machine.http().status(probe.url(), probe.host(), probe.https());
            if (state.equals("running") && http != 200) {
                state = "broken";
            }
        }
        if (interrupted.isPresent()) {
            state = "interrupted (" + interrupted.get().brief() + ")";
        }
        LabInventory lab = programs.isEmpty() ? null : InstanceInventory.tryRead(layout, config).orElse(null);
        return new InstanceHealth(layout.name().value(), state, programs, url, http, lab);
    }

    public List<InstanceHealth> health(List<InstanceLayout> layouts) {
        return layouts.stream().map(this::health).toList();
    }
}
