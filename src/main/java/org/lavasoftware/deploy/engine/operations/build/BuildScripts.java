package org.lavasoftware.deploy.engine.operations.build;

import java.nio.file.Path;
import java.util.List;
import org.lavasoftware.deploy.adapters.python.PythonBuilder;
import org.lavasoftware.deploy.model.ShellAssignments;

/**
 * The files a build generates: {@code bin/lava-server} (LAVA's manage in the build's venv),
 * {@code bin/lava-wsgi} (gunicorn in it) and the settings module that adds the eggs' Django
 * applications to LAVA's INSTALLED_APPS. LAVA 2023.01 can only replace INSTALLED_APPS from the
 * environment, which would drop what its settings add themselves; a module importing them keeps it.
 */
public final class BuildScripts {
    public static final String SETTINGS_MODULE = "lava_buildout_settings";

    private BuildScripts() {
    }

    public static String lavaServer(Path tree, Path lavaEnv, String config) {
        return "#!/bin/sh\n"
                + "# written by lava-deployment-tool from " + config + ":\n"
                + "# `lava-server manage COMMAND [ARGS]` with the eggs of this build and the instance's settings.\n"
                + "if [ \"$1\" != manage ]; then\n"
                + "    echo \"usage: lava-server manage COMMAND [ARGS...]\" >&2\n"
                + "    exit 2\n"
                + "fi\n"
                + "shift\n"
                + "exec " + ShellAssignments.quote(lavaEnv.toString()) + " /usr/bin/env DJANGO_SETTINGS_MODULE="
                + SETTINGS_MODULE + " " + ShellAssignments.quote(PythonBuilder.python(RevisionBuild.venv(tree)).toString())
                + " -m django \"$@\"\n";
    }

    /** Run under the instance's lava-env, as the web program: gunicorn with this build's interpreter. */
    public static String lavaWsgi(Path tree, String config) {
        return "#!/bin/sh\n"
                + "# written by lava-deployment-tool from " + config + ": gunicorn with the eggs of this build.\n"
                + "DJANGO_SETTINGS_MODULE=" + SETTINGS_MODULE + "\n"
                + "export DJANGO_SETTINGS_MODULE\n"
                + "exec " + ShellAssignments.quote(PythonBuilder.python(RevisionBuild.venv(tree)).toString())
                + " -m gunicorn \"$@\"\n";
    }

    public static String settingsModule(List<String> apps, String config) {
        StringBuilder list = new StringBuilder();
        apps.forEach(a -> list.append(list.length() == 0 ? "" : ", ").append('"').append(a).append('"'));
        return "# written by lava-deployment-tool from " + config + ": LAVA's production settings,\n"
                + "# and the Django applications of the build's eggs added to INSTALLED_APPS.\n"
                + "from lava_server.settings.prod import *  # noqa: F401,F403\n"
                + "from lava_server.settings.prod import INSTALLED_APPS as _LAVA_APPS\n\n"
                + "INSTALLED_APPS = list(_LAVA_APPS) + [a for a in [" + list + "] if a not in _LAVA_APPS]\n";
    }
}
