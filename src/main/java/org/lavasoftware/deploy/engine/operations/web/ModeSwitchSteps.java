package org.lavasoftware.deploy.engine.operations.web;

import java.util.Map;
import org.lavasoftware.deploy.adapters.apache.ApacheChange;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.WebMode;

/**
 * The steps that switch one instance from one mode to the other, for toggle (one instance, Apache
 * reloaded at once) and toggle_all (several, Apache reloaded once between their Apache steps and
 * the rest). Each undo converges back to the previous mode, so it also works after a crash, from
 * the journal alone. The mode is recorded last: an instance whose switch did not finish is still
 * recorded in its previous mode, and a toggle_all run again switches it again.
 *
 * <p>{@code rejected}: in toggle_all, instances whose new configuration Apache refused: their
 * files are back as they were and their remaining steps do nothing; null in toggle, where that
 * refusal fails the operation.
 */
final class ModeSwitchSteps {
    private final InstanceWeb web;
    private final WebMode from;
    private final WebMode to;
    private final Map<String, String> rejected;

    ModeSwitchSteps(InstanceWeb web, WebMode from, WebMode to, Map<String, String> rejected) {
        this.web = web;
        this.from = from;
        this.to = to;
        this.rejected = rejected;
    }

    private String name() {
        return web.name();
    }

    private boolean skipped() {
        return rejected != null && rejected.containsKey(name());
    }

    /**
     * When Apache rejects the new files, they are put back byte for byte at once, and the undo has
     * nothing left to do. When a later step fails, the undo puts back exactly what the change
     * replaced (000-default's state included); only after a crash, with nothing remembered, does
     * it serve the instance in its previous mode afresh.
     */
    Step apache(boolean reload) {
        ApacheChange[] applied = {null};
        boolean[] putBack = {false};
        return Step.named("serve " + name() + " as " + to + " in Apache")
                .shows(web.apacheChange(to).describe())
                .shows("apache2ctl configtest: when Apache rejects the files, the previous ones are put back"
                        + (reload ? "; then apache2ctl graceful" : ""))
                .does(() -> {
                    try {
                        applied[0] = web.switchApache(to, reload);
                    } catch (ApacheChange.Rejected e) {
                        putBack[0] = true;
                        if (rejected == null) {
                            throw e;
                        }
                        rejected.put(name(), e.getMessage());
                    }
                })
                .undoes("serve " + name() + " as " + from + " in Apache again", () -> {
                    if (applied[0] != null) {
                        web.putBack(applied[0]);
                    } else if (!putBack[0]) {
                        web.switchApache(from, true);
                    }
                })
                .build();
    }

    Step settings() {
        return Step.named("switch LAVA's settings of " + name() + " to " + to + " and restart its web program")
                .shows(web.describeSettings(to))
                .does(() -> {
                    if (!skipped()) {
                        web.switchSettings(to);
                    }
                })
                .undoes("put back LAVA's settings of " + name() + " for " + from, () -> {
                    if (!skipped()) {
                        web.switchSettings(from);
                    }
                })
                .build();
    }

    Step awaitServing() {
        WebAddress.Probe probe = WebAddress.probe(web.config(), to);
        return Step.named("wait for " + name() + " to answer at " + probe.url())
                .shows("curl " + probe.url() + " (Host " + probe.host() + ") until it answers 200, at most 2 minutes")
                .does(() -> {
                    if (!skipped()) {
                        web.awaitServing(to);
                    }
                })
                .build();
    }

    Step record() {
        return Step.named("record " + ConfigKey.LAVA_WEB_MODE + "='" + to + "' for " + name())
                .shows(ConfigKey.LAVA_WEB_MODE + "='" + to + "' in instance.conf")
                .does(() -> {
                    if (!skipped()) {
                        web.record(to);
                    }
                })
                .undoes("record " + ConfigKey.LAVA_WEB_MODE + "='" + from + "' for " + name() + " again", () -> {
                    if (!skipped()) {
                        web.record(from);
                    }
                })
                .build();
    }
}
