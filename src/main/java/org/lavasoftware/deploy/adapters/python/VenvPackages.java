package org.lavasoftware.deploy.adapters.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;

/**
 * What a legacy pip-based venv holds, asked of its own interpreter: {@code pip freeze --local}, the
 * details of some distributions (a Django application? does the system have it too? installed
 * editable, from which checkout?), and a distribution packed again as a wheel so that a build can
 * install it offline. The helper is standard-library Python only: the venv may have nothing else.
 */
public final class VenvPackages {
    private static final String SCRIPT = load();

    /** One distribution of the venv, as {@code inspect} describes it. */
    public record Distribution(String name, String version, boolean app, String systemVersion, Path editable) {
    }

    private final ProcessRunner runner;
    private final Path venv;

    public VenvPackages(ProcessRunner runner, Path venv) {
        this.runner = runner;
        this.venv = venv;
    }

    public Path python() {
        return PythonBuilder.python(venv);
    }

    public boolean available() {
        return Files.isExecutable(python());
    }

    /** What pip lists as installed in the venv itself (not the system's packages it also sees). */
    public String freeze() {
        return runner.run(PythonBuilder.clean(List.of(python().toString(), "-m", "pip", "freeze", "--local",
                "--disable-pip-version-check"), null).build()).stdout();
    }

    public List<Distribution> inspect(List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> argv = new ArrayList<>(List.of(python().toString(), "-c", SCRIPT, "inspect"));
        argv.addAll(names);
        return parse(runner.run(PythonBuilder.clean(argv, null).build()).stdout());
    }

    /** Packs the installed distribution {@code name} as a wheel in {@code dir}; returns the wheel. */
    public Path wheel(String name, Path dir) {
        String out = runner.run(PythonBuilder.clean(List.of(python().toString(), "-c", SCRIPT, "wheel", name,
                dir.toString()), null).build()).stdout().strip();
        return Path.of(out.lines().reduce((a, b) -> b).orElse(out));
    }

    static List<Distribution> parse(String text) {
        List<Distribution> found = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 5) {
                found.add(new Distribution(f[0], f[1], f[2].equals("yes"), f[3].equals("-") ? null : f[3],
                        f[4].equals("-") ? null : Path.of(f[4])));
            }
        }
        return found;
    }

    private static String load() {
        try (InputStream in = VenvPackages.class.getResourceAsStream("venv_packages.py")) {
            if (in == null) {
                throw new IllegalStateException("venv_packages.py is missing from the tool's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
