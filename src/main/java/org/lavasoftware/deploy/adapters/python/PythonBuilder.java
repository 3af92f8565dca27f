package org.lavasoftware.deploy.adapters.python;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ExecResult;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.adapters.files.Filesystem;

/**
 * The Python builder: a virtual environment on the system's site-packages (Debian's Python
 * packages are LAVA's dependencies), checkouts installed into it in development mode with pip,
 * offline, and a probe of what its interpreter then sees. Everything runs with a clean
 * environment, as the instance's processes do: the caller's PYTHON* and PIP_* variables would
 * change what is found.
 */
public final class PythonBuilder {
    public static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    private final ProcessRunner runner;

    public PythonBuilder(ProcessRunner runner) {
        this.runner = runner;
    }

    public static Path python(Path venv) {
        return venv.resolve("bin/python");
    }

    /** A venv that sees the system's packages; no pip of its own (the system's is used, offline). */
    public Command createCommand(Path venv) {
        return clean(List.of(SYSTEM_PYTHON.toString(), "-m", "venv", "--system-site-packages", "--without-pip",
                venv.toString()), null).build();
    }

    public void create(Path venv) {
        runner.run(createCommand(venv));
    }

    /** The site-packages directory of the venv, where .pth files and generated modules go. */
    public Path sitePackages(Path venv) {
        try (var dirs = Files.list(venv.resolve("lib"))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("python")).findFirst()
                    .orElseThrow(() -> ToolException.failed("no lib/python3.* in " + venv)).resolve("site-packages");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + venv + ": " + e.getMessage(), e);
        }
    }

    public Command developCommand(Path venv, Path checkout) {
        return clean(List.of(python(venv).toString(), "-m", "pip", "install", "--no-deps", "--no-build-isolation",
                "--no-index", "--disable-pip-version-check", "-e", checkout.toString()), null).build();
    }

    /**
     * Installs a checkout in development mode. When pip cannot (no build backend offline), a .pth
     * file puts the checkout on the path: importable, but without metadata, so it is found as an
     * egg only if its directory name is the project's name.
     */
    public void develop(Path venv, Path checkout) {
        ExecResult r = runner.runAllowingFailure(developCommand(venv, checkout));
        if (!r.succeeded()) {
            Filesystem.file(sitePackages(venv).resolve("lava-develop-" + checkout.getFileName() + ".pth"),
                    checkout + "\n", "rw-r--r--", "root", "root");
        }
    }

    /** Installs a requirement from a directory of downloaded distributions, never from the network. */
    public void installFromCache(Path venv, Path cache, String requirement) {
        runner.run(clean(List.of(python(venv).toString(), "-m", "pip", "install", "--no-deps", "--no-build-isolation",
                "--no-index", "--disable-pip-version-check", "--find-links", cache.toString(), requirement), null).build());
    }

    /**
     * What the venv's interpreter sees with {@code pythonRoot} (LAVA's tree) on its path: every
     * distribution, which of {@code modules} are importable, LAVA's version, and the Django
     * applications (packages with apps.py or models.py) of the distributions named in {@code keys}.
     */
    public String probe(Path venv, Path pythonRoot, List<String> keys, List<String> modules) {
        Path interpreter = venv == null || !Files.isExecutable(python(venv)) ? SYSTEM_PYTHON : python(venv);
        List<String> argv = new ArrayList<>(List.of(interpreter.toString(), "-c", PROBE, String.join(",", keys),
                String.join(",", modules)));
        return runner.run(clean(argv, pythonRoot).build()).stdout();
    }

    static Command.Builder clean(List<String> command, Path pythonPath) {
        List<String> argv = new ArrayList<>(List.of("env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
                "SETUPTOOLS_USE_DISTUTILS=stdlib", "PYTHONDONTWRITEBYTECODE=1"));
        if (pythonPath != null) {
            argv.add("PYTHONPATH=" + pythonPath);
        }
        argv.addAll(command);
        return Command.of(argv).privileged().in(Path.of("/")).timeout(Duration.ofMinutes(5));
    }

    // importlib.metadata, as the running code will see it; tab-separated lines for Installed.parse
    private static final String PROBE = String.join("\n",
            "import sys, os, re, importlib.util, importlib.metadata as md",
            "norm = lambda n: re.sub(r'[-_.]+', '-', n).lower()",
            "wanted = set(n for n in sys.argv[1].split(',') if n)",
            "for d in md.distributions():",
            "    name = d.metadata['Name']",
            "    if not name: continue",
            "    print('dist', name, d.version, str(d.locate_file('')), sep='\\t')",
            "    if norm(name) in wanted:",
            "        top = (d.read_text('top_level.txt') or '').split()",
            "        for pkg in top:",
            "            spec = importlib.util.find_spec(pkg)",
            "            for loc in (spec.submodule_search_locations or []) if spec else []:",
            "                if any(os.path.exists(os.path.join(loc, f)) for f in ('apps.py', 'models.py')):",
            "                    print('app', name, pkg, sep='\\t'); break",
            "for m in (n for n in sys.argv[2].split(',') if n):",
            "    spec = importlib.util.find_spec(m)",
            "    if spec: print('module', m, sep='\\t')",
            "spec = importlib.util.find_spec('lava_common')",
            "if spec and spec.submodule_search_locations:",
            "    v = os.path.join(list(spec.submodule_search_locations)[0], 'VERSION')",
            "    if os.path.exists(v): print('lava', open(v).read().strip(), sep='\\t')",
            "");
}
