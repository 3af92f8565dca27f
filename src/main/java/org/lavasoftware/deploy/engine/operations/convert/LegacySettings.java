package org.lavasoftware.deploy.engine.operations.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.lava.LavaScripts;
import org.lavasoftware.deploy.adapters.lava.PythonRoot;
import org.lavasoftware.deploy.engine.operations.build.RevisionBuild;
import org.lavasoftware.deploy.model.InstanceLayout;

/**
 * The files that point a pip-based instance at its venv: lava.env (PYTHONPATH and settings into
 * lib/...), the bin/ commands, and the classic {@code etc/lava-server/lava-server.wsgi}. The
 * conversion keeps them for its way back, and points the wsgi file at code/current after the switch.
 */
final class LegacySettings {
    private final InstanceLayout layout;
    private final ConvertState state;

    LegacySettings(InstanceLayout layout, ConvertState state) {
        this.layout = layout;
        this.state = state;
    }

    Path wsgi() {
        return layout.etcLavaServer().resolve("lava-server.wsgi");
    }

    private List<Path> files() {
        LavaScripts scripts = new LavaScripts(layout);
        return List.of(layout.etcLavaServer().resolve("lava.env"), wsgi(), scripts.lavaEnv(), scripts.lavaServer());
    }

    private static String key(Path file) {
        return "legacy-" + file.getParent().getFileName() + "-" + file.getFileName();
    }

    List<String> describe() {
        return files().stream().map(Path::toString).toList();
    }

    void keep() throws IOException {
        for (Path file : files()) {
            state.keep(key(file), file);
        }
    }

    /** Puts every file back; true when one of them had changed. */
    boolean restore() throws IOException {
        boolean changed = false;
        for (Path file : files()) {
            changed |= state.restore(key(file), file);
        }
        return changed;
    }

    /** Whether {@link #restore} would change a file. */
    boolean differs() throws IOException {
        for (Path file : files()) {
            if (state.differs(key(file), file)) {
                return true;
            }
        }
        return false;
    }

    void restoreWsgi() throws IOException {
        state.restore(key(wsgi()), wsgi());
    }

    /** The wsgi file for code/current: its Python root, and its build's venv when it has one. */
    void pointWsgiAtCurrent() throws IOException {
        if (!Files.exists(wsgi())) {
            return;
        }
        Path current = layout.currentCode();
        Path root = current.resolve(PythonRoot.within(current.toRealPath()));
        boolean built = RevisionBuild.of(current).isPresent();
        String text = "# written by lava-deployment-tool when it converted the instance from pip: LAVA's WSGI\n"
                + "# application from code/current (the web itself runs gunicorn on lava_server.wsgi)\n"
                + "import os\nimport site\nimport sys\n\n"
                + "sys.path.insert(0, " + quote(root.toString()) + ")\n"
                + (built ? "for _lib in sorted(os.listdir(" + quote(RevisionBuild.venv(current).resolve("lib").toString())
                + ")):\n    site.addsitedir(os.path.join(" + quote(RevisionBuild.venv(current).resolve("lib").toString())
                + ", _lib, \"site-packages\"))\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"lava_buildout_settings\")\n"
                : "")
                + "\nfrom lava_server.wsgi import application  # noqa: E402,F401\n";
        Filesystem.file(wsgi(), text, "rw-r--r--", "root", "root");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
