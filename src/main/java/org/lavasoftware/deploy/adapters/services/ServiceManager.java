package org.lavasoftware.deploy.adapters.services;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs an instance's programs as one group: systemd units where systemd is the init, supervisord
 * programs elsewhere (containers). The group is named after the instance ({@code lava-NAME}).
 */
public interface ServiceManager {
    /** "systemd" or "supervisord", for messages and plans. */
    String kind();

    /** Starts the manager itself when it can be down (supervisord); nothing for systemd. */
    void ensureRunning();

    /** Where the group's definition is written. */
    Path definitionFile(String group);

    /** The definition text of the group, for the plan and the file. */
    String render(String group, List<ServiceProgram> programs);

    /** Writes the definition and starts the programs. */
    void register(String group, List<ServiceProgram> programs);

    /** Stops the programs and removes the definition; nothing if there is none. */
    void unregister(String group);

    boolean isRegistered(String group);

    /**
     * Whether the group is registered for the instance in {@code workDir}: another root's instance
     * of the same name has a group of the same name, which is not this one's.
     */
    boolean isRegisteredFor(String group, Path workDir);

    /**
     * The working directories of every program the tool registered with this manager, whichever
     * root its instance is under: what another root's install must not collide with.
     */
    List<Path> registeredDirectories();

    /** Whether the group is registered with exactly these programs (then registering again changes nothing). */
    default boolean isCurrent(String group, List<ServiceProgram> programs) {
        return false;
    }

    void start(String group);

    void stop(String group);

    void restart(String group);

    /** Stops some programs of the group (the others keep running). */
    void stop(String group, List<String> programs);

    /** Starts some programs of the group. */
    void start(String group, List<String> programs);

    /** Asks one program to reload gracefully (gunicorn: new workers before the old ones stop). */
    void reload(String group, String program);

    /** The state of each program of every registered group, from one query. */
    Map<String, ServiceState> states();
}
