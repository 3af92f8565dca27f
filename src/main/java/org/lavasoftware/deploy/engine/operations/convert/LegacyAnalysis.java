package org.lavasoftware.deploy.engine.operations.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.adapters.python.VenvPackages;
import org.lavasoftware.deploy.engine.operations.build.BuildDescription;
import org.lavasoftware.deploy.engine.operations.build.BuildId;
import org.lavasoftware.deploy.model.InstanceLayout;

/**
 * What converting a pip-based instance to a target config means, read from the machine without
 * changing it: pip's freeze, each package's fate, where the editable ones' checkouts go, and the
 * custom.cfg that keeps them.
 *
 * @param freeze   pip freeze's output (the recorded one when the venv is gone: a conversion being finished)
 * @param develop  for each editable package dropped, its checkout: copied to INSTANCE/develop/ when it
 *                 lies inside the instance (the old tree goes), else used where it is
 */
public record LegacyAnalysis(TargetConfig target, String freeze, List<LegacyPackage> packages,
                             Map<LegacyPackage, Path> develop, String custom) {
    public static final String FREEZE_FILE = "last-pip-installed-versions.txt";

    public static LegacyAnalysis of(InstanceLayout layout, ProcessRunner runner, String setting) {
        VenvPackages venv = new VenvPackages(runner, layout.dir());
        return of(layout, setting, venv.available() ? venv : null);
    }

    /**
     * What the freeze recorded in {@link #FREEZE_FILE} says, without running the venv (the plan a
     * recovery rebuilds: its decisions are facts of the journal, this only names and shows).
     */
    public static LegacyAnalysis recorded(InstanceLayout layout, String setting) {
        return of(layout, setting, null);
    }

    private static LegacyAnalysis of(InstanceLayout layout, String setting, VenvPackages venv) {
        TargetConfig target = TargetConfig.of(layout, setting);
        String freeze = venv != null ? venv.freeze() : recorded(layout);
        List<PipFreeze.Frozen> frozen = PipFreeze.parse(freeze);
        Map<String, VenvPackages.Distribution> inspected = new LinkedHashMap<>();
        if (venv != null) {
            venv.inspect(frozen.stream().map(PipFreeze.Frozen::name).toList())
                    .forEach(d -> inspected.put(new PipFreeze.Frozen(d.name(), null, false, "").key(), d));
        }
        List<LegacyPackage> packages = DroppedPackages.classify(frozen, target.eggs(), inspected);
        Map<LegacyPackage, Path> develop = new LinkedHashMap<>();
        for (LegacyPackage p : packages) {
            if (p.fate() == PackageFate.DEVELOP && p.checkout() != null) {
                Path checkout = p.checkout().toAbsolutePath().normalize();
                develop.put(p, checkout.startsWith(layout.dir()) ? layout.dir().resolve("develop")
                        .resolve(checkout.getFileName()) : checkout);
            }
        }
        String custom = CustomCfg.text(layout.name().value(), target.extended(), target.part(), packages,
                new ArrayList<>(develop.values()));
        return new LegacyAnalysis(target, freeze, packages, develop, custom);
    }

    private static String recorded(InstanceLayout layout) {
        Path file = layout.dir().resolve(FREEZE_FILE);
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public List<LegacyPackage> dropped() {
        return DroppedPackages.dropped(packages);
    }

    /** Editable installs whose checkout is unknown cannot be carried over: refused before anything changes. */
    public void requireCheckouts() {
        List<String> unknown = dropped().stream().filter(p -> p.fate() == PackageFate.DEVELOP && !develop.containsKey(p))
                .map(LegacyPackage::name).toList();
        if (!unknown.isEmpty()) {
            throw ToolException.badInput("the editable install" + (unknown.size() == 1 ? "" : "s") + " "
                    + String.join(", ", unknown) + " of the venv name" + (unknown.size() == 1 ? "s" : "")
                    + " no checkout: install it normally in the venv (pip install PATH), or give a config=... that has it");
        }
    }

    /** The build the conversion's custom.cfg makes of {@code revision}. */
    public String buildId(InstanceLayout layout, String revision) {
        return BuildId.of(layout, revision, BuildDescription.of(target.loadCustom(custom), layout.currentCode()));
    }
}
