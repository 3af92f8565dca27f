package org.lavasoftware.deploy.buildout;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.lavasoftware.deploy.ToolException;

/**
 * Reads a configuration file and every file it extends, recursively, and lists them in the order
 * buildout merges them: for each file, first the files of its {@code extends} (in the order named,
 * each preceded by what it extends), then the file itself. Later files override earlier ones, and
 * a {@code +=} or {@code -=} applies to whatever the files before it built, even through several
 * levels of extends, as current buildout does. A file may be extended twice (two bases sharing a
 * common one); a file extending itself, directly or not, is refused.
 */
final class ExtendsResolver {
    private static final Pattern URL = Pattern.compile("[a-zA-Z0-9+.-]+://.*");

    private final Path rootDirectory;
    private final List<ConfigFile> order = new ArrayList<>();
    private final List<Path> chain = new ArrayList<>();
    private final List<String> chainNames = new ArrayList<>();

    private ExtendsResolver(Path rootDirectory) {
        this.rootDirectory = rootDirectory;
    }

    static List<ConfigFile> resolve(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        ExtendsResolver resolver = new ExtendsResolver(absolute.getParent());
        resolver.visit(absolute, null);
        return resolver.order;
    }

    private void visit(Path path, Contribution extendedBy) {
        String name = nameOf(path);
        if (!Files.isRegularFile(path)) {
            boolean exists = Files.exists(path);
            throw ToolException.badInput(extendedBy == null
                    ? name + (exists ? ": not a file" : ": no such configuration file")
                    : extendedBy.origin() + ": extends " + name + ", which "
                    + (exists ? "is not a file" : "does not exist") + " (" + path + "); fix the path or create the file");
        }
        Path identity = realPath(path);
        if (chain.contains(identity)) {
            List<String> cycle = new ArrayList<>(chainNames);
            cycle.add(name);
            throw ToolException.badInput(extendedBy.origin() + ": extends cycle: "
                    + String.join(" -> ", cycle) + "; a file cannot extend itself, even through others");
        }
        ConfigFile file = BuildoutParser.parse(read(path, name), path, name);
        chain.add(identity);
        chainNames.add(name);
        file.extendsLine().ifPresent(line -> {
            for (String extended : line.text().strip().split("\\s+")) {
                if (!extended.isEmpty()) {
                    visit(extendedFile(path, extended, line), line);
                }
            }
        });
        chain.remove(chain.size() - 1);
        chainNames.remove(chainNames.size() - 1);
        order.add(file);
    }

    private static Path extendedFile(Path extending, String extended, Contribution line) {
        if (URL.matcher(extended).matches()) {
            throw ToolException.badInput(line.origin() + ": extends " + extended
                    + ", a URL; this tool reads local files only: download it and extend the copy");
        }
        // relative to the file that names it, as buildout does; an absolute path stays as it is
        return extending.getParent().resolve(extended).normalize();
    }

    private String nameOf(Path path) {
        return path.startsWith(rootDirectory) ? rootDirectory.relativize(path).toString() : path.toString();
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    private static String read(Path path, String name) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw ToolException.badInput(name + ": not UTF-8 text; convert the file to UTF-8");
        } catch (IOException e) {
            throw ToolException.badInput(name + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
