package org.lavasoftware.deploy.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.operations.InstallOperation;
import org.lavasoftware.deploy.engine.operations.RemoveOperation;
import org.lavasoftware.deploy.engine.operations.ServiceOperation;
import org.lavasoftware.deploy.engine.operations.SetupOperation;
import org.lavasoftware.deploy.engine.operations.backup.BackupOperation;
import org.lavasoftware.deploy.engine.operations.backup.PruneOperation;
import org.lavasoftware.deploy.engine.operations.convert.ConvertOperation;
import org.lavasoftware.deploy.engine.operations.convert.CopyLegacyOperation;
import org.lavasoftware.deploy.engine.operations.devices.DeviceAddOperation;
import org.lavasoftware.deploy.engine.operations.devices.DeviceHealthOperation;
import org.lavasoftware.deploy.engine.operations.devices.DeviceRemoveOperation;
import org.lavasoftware.deploy.engine.operations.restore.RestoreOperation;
import org.lavasoftware.deploy.engine.operations.upgrade.RollbackOperation;
import org.lavasoftware.deploy.engine.operations.upgrade.UpgradeOperation;
import org.lavasoftware.deploy.engine.operations.web.ToggleAllOperation;
import org.lavasoftware.deploy.engine.operations.web.ToggleOperation;

/**
 * The kinds of operation the engine can rebuild from a journal. The built-in kinds are listed
 * here; further kinds (from extensions) are found through {@link ServiceLoader}, only when a
 * recovery needs them.
 */
public final class OperationCatalog {
    private final Map<String, OperationFactory> factories = new LinkedHashMap<>();

    /** The catalog of the operations this tool ships. */
    public static OperationCatalog standard() {
        return new OperationCatalog(List.of(new SetupOperation.Factory(), new InstallOperation.Factory(),
                new RemoveOperation.Factory(), new ServiceOperation.Factory(ServiceOperation.Action.START),
                new ServiceOperation.Factory(ServiceOperation.Action.STOP),
                new ServiceOperation.Factory(ServiceOperation.Action.RESTART), new BackupOperation.Factory(), new PruneOperation.Factory(),
                new RestoreOperation.Factory(), new UpgradeOperation.Factory(), new RollbackOperation.Factory(),
                new ConvertOperation.Factory(), new CopyLegacyOperation.Factory(),
                new ToggleOperation.Factory(), new ToggleAllOperation.Factory(), new DeviceAddOperation.Factory(),
                new DeviceRemoveOperation.Factory(), new DeviceHealthOperation.Factory()));
    }

    public OperationCatalog(List<OperationFactory> builtIn) {
        builtIn.forEach(f -> factories.put(f.kind(), f));
    }

    public Operation rebuild(String kind, Map<String, String> parameters) {
        OperationFactory factory = factories.get(kind);
        if (factory == null) {
            for (OperationFactory found : ServiceLoader.load(OperationFactory.class)) {
                factories.putIfAbsent(found.kind(), found);
            }
            factory = factories.get(kind);
        }
        if (factory == null) {
            throw ToolException.unexpectedState("the journal records a '" + kind
                    + "' operation, which this version of the tool does not know; use the version that started it");
        }
        return factory.rebuild(parameters);
    }
}
