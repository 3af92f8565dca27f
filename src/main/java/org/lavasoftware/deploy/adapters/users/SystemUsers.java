package org.lavasoftware.deploy.adapters.users;

import java.nio.file.Path;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;

/** The system accounts instances run as ({@code lava-NAME}), through useradd and userdel. */
public final class SystemUsers {
    private final ProcessRunner runner;

    public SystemUsers(ProcessRunner runner) {
        this.runner = runner;
    }

    public boolean exists(String user) {
        return runner.runAllowingFailure(Command.of("getent", "passwd", user).build()).succeeded();
    }

    public boolean groupExists(String group) {
        return runner.runAllowingFailure(Command.of("getent", "group", group).build()).succeeded();
    }

    /** A system user with a group of its own name, the instance directory as home, and no login. */
    public static Command createCommand(String user, Path home, String comment) {
        return Command.of("useradd", "--system", "--user-group", "--home-dir", home.toString(), "--no-create-home",
                "--shell", "/usr/sbin/nologin", "--comment", comment, user).privileged().build();
    }

    public void create(String user, Path home, String comment) {
        runner.run(createCommand(user, home, comment));
    }

    public static Command deleteCommand(String user) {
        return Command.of("userdel", user).privileged().build();
    }

    /**
     * Removes the user (and its group); nothing if it is already gone. userdel refuses a user that
     * still runs processes, and those of an instance being removed are leftovers, so they go first.
     */
    public void delete(String user) {
        deleteUser(user);
        deleteGroup(user);
    }

    /** The user alone (userdel also takes its own group when nothing else is in it); nothing if it is gone. */
    public void deleteUser(String user) {
        if (exists(user)) {
            runner.runAllowingFailure(Command.of("pkill", "-KILL", "-u", user).privileged().build());
            awaitNoProcesses(user);
            runner.run(deleteCommand(user));
        }
    }

    /** The group; nothing if it is gone. */
    public void deleteGroup(String group) {
        if (groupExists(group)) {
            runner.run(Command.of("groupdel", group).privileged().build());
        }
    }

    private void awaitNoProcesses(String user) {
        for (int i = 0; i < 50; i++) {
            if (!runner.runAllowingFailure(Command.of("pgrep", "-u", user).build()).succeeded()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
