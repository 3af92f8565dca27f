package org.lavasoftware.deploy.engine.operations.convert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A virtualenv writes its own directory into its files (scripts' shebangs, activate, pyvenv.cfg,
 * .pth and .egg-link files, direct_url.json) and a classic wsgi file names it too: a venv copied
 * to another instance must name the copy's directory, or it would run the original's code.
 */
final class VenvPaths {
    /** Files larger than this are not the small text files a venv writes paths into. */
    private static final long LARGEST = 1 << 20;
    private final String from;
    private final String to;

    VenvPaths(Path from, Path to) {
        this.from = from.toString();
        this.to = to.toString();
    }

    /**
     * {@code text} with every path into {@code from} pointing into {@code to}. Only whole names
     * match: another instance whose name starts with the same letters ({@code old2} beside
     * {@code old}), or a directory holding {@code from} deeper down, stays as it is.
     */
    String rewrite(String text) {
        return replace(text, to);
    }

    /** Whether {@code text} names {@code from} or a path into it (as a whole name, as {@link #rewrite} matches). */
    boolean names(String text) {
        return !replace(text, "\0").equals(text);
    }

    private String replace(String text, String by) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + 1)) {
            int end = i + from.length();
            boolean whole = (i == 0 || !nameChar(text.charAt(i - 1))) && (end == text.length() || !nameChar(text.charAt(end)));
            if (whole && i >= at) {
                out.append(text, at, i).append(by);
                at = end;
            }
        }
        return out.append(text, at, text.length()).toString();
    }

    private static boolean nameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '+';
    }

    /** Whether {@code relative} (to the instance's directory) is a file where the venv writes absolute paths. */
    static boolean holdsPaths(Path relative) {
        String name = relative.getFileName().toString();
        return relative.getNameCount() == 2 && relative.getName(0).toString().equals("bin")
                || relative.equals(Path.of("etc/lava-server/lava-server.wsgi"))
                || name.equals("pyvenv.cfg") || name.equals("direct_url.json")
                || name.endsWith(".pth") || name.endsWith(".egg-link");
    }

    /** Points the copied {@code parts} under {@code dir} (the copy's directory) at {@code dir}: their files and links. */
    void rewriteTree(Path dir, List<Path> parts) throws IOException {
        for (Path part : parts) {
            try (Stream<Path> walk = Files.walk(part)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (Files.isSymbolicLink(p)) {
                        relink(p);
                    } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && holdsPaths(dir.relativize(p))) {
                        rewriteFile(p);
                    }
                }
            }
        }
    }

    private void relink(Path link) throws IOException {
        Path target = Files.readSymbolicLink(link);
        String moved = rewrite(target.toString());
        if (target.isAbsolute() && !moved.equals(target.toString())) {
            Files.delete(link);
            Files.createSymbolicLink(link, Path.of(moved));
        }
    }

    private void rewriteFile(Path file) throws IOException {
        if (Files.size(file) > LARGEST) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                return; // a binary: its paths, if any, have fixed lengths
            }
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1); // every byte kept as it is
        String moved = rewrite(text);
        if (!moved.equals(text)) {
            // written in place: the file keeps its owner and mode (scripts stay executable)
            Files.write(file, moved.getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
