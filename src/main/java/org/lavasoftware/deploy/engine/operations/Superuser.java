package org.lavasoftware.deploy.engine.operations;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ExecResult;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.engine.Engine;
import org.lavasoftware.deploy.engine.OperationLog;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * An administrator of an instance, made without a terminal: {@code lava-server manage shell -c}
 * as the instance's user, with the user name, e-mail and password on its standard input, never
 * in an argument list nor in the log (which records only the input's size). An existing user of
 * that name becomes a superuser with that password.
 */
public final class Superuser {
    private static final String USER = "[A-Za-z0-9@.+_-]{1,150}";

    // the three lines of standard input: user, e-mail, password
    private static final String CODE = String.join("\n",
            "import sys",
            "from django.contrib.auth import get_user_model",
            "name, email, password = sys.stdin.read().split('\\n')[:3]",
            "user, created = get_user_model().objects.get_or_create(username=name, defaults={'email': email})",
            "user.email = email",
            "user.is_staff = True",
            "user.is_superuser = True",
            "user.is_active = True",
            "user.set_password(password)",
            "user.save()",
            "print('created' if created else 'updated')",
            "");

    private Superuser() {
    }

    /** Creates or updates the superuser; returns created or updated (would-create in a dry run). */
    public static String create(Engine engine, InstanceName name, String user, String email, String password) {
        if (user == null || !user.matches(USER)) {
            throw ToolException.badInput("superuser name '" + user + "' is not a Django user name (letters, digits, @.+-_)");
        }
        if (email == null || email.contains("\n") || email.contains(" ")) {
            throw ToolException.badInput("superuser e-mail '" + email + "' is not an address");
        }
        if (password == null || password.length() < 8 || password.contains("\n")) {
            throw ToolException.badInput("the superuser's password must be at least 8 characters on one line");
        }
        SetupState.require(engine.root());
        InstanceLayout layout = engine.existing(name);
        engine.refuseIfInterrupted(name);
        if (engine.isDryRun()) {
            engine.reporter().info("would make " + user + " a superuser of " + name
                    + " (lava-server manage shell, the password on its standard input)");
            return "would-create";
        }
        try (OperationLog log = engine.openLog(name)) {
            ProcessRunner runner = new ProcessRunner(engine.privilege(), log);
            InstanceFiles files = new InstanceFiles(layout, InstanceConfigStore.load(layout).config(),
                    Machine.of(engine.root(), runner));
            Command manage = files.manage(List.of("shell", "-c", CODE));
            Command command = Command.of(manage.argv()).as(manage.runAs()).in(manage.workDir()).env(manage.env())
                    .input((user + "\n" + email + "\n" + password + "\n").getBytes(StandardCharsets.UTF_8)).build();
            ExecResult result = runner.runAllowingFailure(command);
            if (!result.succeeded()) {
                throw ToolException.failed("making " + user + " a superuser of " + name + " failed (exit "
                        + result.exitCode() + "): " + result.lastErrorLine());
            }
            String out = result.stdout().strip();
            return out.endsWith("created") ? "created" : "updated";
        }
    }
}
