package org.lavasoftware.deploy.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.lavasoftware.deploy.dsl.DslRuntime;
import org.lavasoftware.deploy.engine.Engine;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationHooks;

/**
 * The site's hooks for the classic commands: the extension scripts are loaded on the first
 * operation, and only when there is one, so that commands without hooks never start Groovy.
 */
final class ExtensionHooks implements OperationHooks {
    private final List<Path> directories;
    private final PrintStream out;
    private OperationHooks loaded;

    ExtensionHooks(List<Path> directories, PrintStream out) {
        this.directories = directories;
        this.out = out;
    }

    @Override
    public void before(Operation operation, Engine engine) {
        loaded(engine).before(operation, engine);
    }

    @Override
    public void after(Operation operation, Engine engine) {
        loaded(engine).after(operation, engine);
    }

    private synchronized OperationHooks loaded(Engine engine) {
        if (loaded == null) {
            loaded = directories.stream().anyMatch(ExtensionHooks::hasScript)
                    ? DslRuntime.hooksOf(engine, directories, out) : OperationHooks.NONE;
        }
        return loaded;
    }

    private static boolean hasScript(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(p -> p.getFileName().toString().endsWith(".groovy"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the extension scripts in " + dir + ": " + e.getMessage(), e);
        }
    }
}
