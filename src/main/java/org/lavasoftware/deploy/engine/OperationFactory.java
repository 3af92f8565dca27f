package org.lavasoftware.deploy.engine;

import java.util.Map;

/** Rebuilds operations of one kind from their journal, so that {@code recover} can finish or undo them. */
public interface OperationFactory {
    String kind();

    Operation rebuild(Map<String, String> parameters);
}
