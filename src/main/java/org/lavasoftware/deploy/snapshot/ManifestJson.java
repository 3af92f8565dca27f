package org.lavasoftware.deploy.snapshot;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lavasoftware.deploy.ToolException;

/**
 * {@link Manifest} as JSON: one field per line in the head, one line per file, so that the file
 * reads well and diffs well. Reading is strict: an unknown format number, an unknown or repeated
 * field, a wrong type, or totals that disagree with the list all make the manifest unreadable.
 */
final class ManifestJson {
    private static final List<String> HEAD = List.of("format", "toolVersion", "instance", "codeRevision",
            "postgresqlVersion", "created", "kind", "base", "summary");

    private ManifestJson() {
    }

    static void write(Manifest m, Path file) {
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            Writer out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
            write(m, out);
            out.flush();
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(Manifest m, Writer out) throws IOException {
        ManifestSummary s = m.summary();
        SnapshotMetadata meta = m.metadata();
        out.write("{\n  \"format\": " + Manifest.FORMAT + ",\n");
        out.write("  \"toolVersion\": " + quote(meta.toolVersion()) + ",\n");
        out.write("  \"instance\": " + quote(meta.instance()) + ",\n");
        out.write("  \"codeRevision\": " + quote(meta.codeRevision()) + ",\n");
        out.write("  \"postgresqlVersion\": " + quote(meta.postgresqlVersion()) + ",\n");
        out.write("  \"created\": " + quote(m.created().truncatedTo(ChronoUnit.MILLIS).toString()) + ",\n");
        out.write("  \"kind\": " + quote(m.kind().name().toLowerCase()) + ",\n");
        if (m.base() != null) {
            out.write("  \"base\": " + quote(m.base().toString()) + ",\n");
        }
        out.write("  \"summary\": {\"files\": " + s.files() + ", \"bytes\": " + s.bytes() + ", \"copiedBytes\": "
                + s.copiedBytes() + "},\n");
        out.write("  \"files\": [");
        String separator = "\n";
        for (ManifestEntry e : m.files()) {
            out.write(separator);
            separator = ",\n";
            out.write("    {\"path\": " + quote(e.path()));
            if (!e.isFile()) {
                out.write(", \"symlink\": " + quote(e.target()) + "}");
                continue;
            }
            out.write(", \"size\": " + e.size() + ", \"sha256\": " + quote(e.sha256()));
            if (e.mtime() != null) {
                out.write(", \"mtime\": " + quote(e.mtime().toString()));
            }
            if (e.sourceSize() >= 0) {
                out.write(", \"sourceSize\": " + e.sourceSize());
            }
            if (e.linked()) {
                out.write(", \"linked\": true");
            }
            out.write("}");
        }
        out.write(m.files().isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    }

    static Manifest read(Path file) {
        return parse(file, true).manifest;
    }

    static ManifestSummary readSummary(Path file) {
        return parse(file, false).summary;
    }

    private record Parsed(ManifestSummary summary, Manifest manifest) {
    }

    private static Parsed parse(Path file, boolean withFiles) {
        try (JsonReader json = new JsonReader(utf8(file))) {
            try {
                return parse(json, withFiles);
            } catch (JsonReader.Malformed e) {
                throw unreadable(file, e.getMessage());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw unreadable(file, e.getMessage());
            }
        } catch (NoSuchFileException e) {
            throw ToolException.failed("no manifest at " + file + ": the snapshot is unfinished or not one of this tool's");
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw unreadable(file, cause instanceof CharacterCodingException ? "it is not UTF-8 text" : cause.getMessage());
        }
    }

    private static ToolException unreadable(Path file, String why) {
        return ToolException.failed("manifest " + file + " is unreadable: " + why);
    }

    private static Parsed parse(JsonReader json, boolean withFiles) {
        json.beginObject();
        Map<String, Object> head = new LinkedHashMap<>();
        boolean sawFiles = false;
        List<ManifestEntry> files = new ArrayList<>();
        while (json.hasNext()) {
            String name = json.nextName();
            if (head.containsKey(name) || (sawFiles && name.equals("files"))) {
                throw json.malformed("field '" + name + "' appears twice");
            }
            if (sawFiles) {
                throw json.malformed("field '" + name + "' comes after the files; the head comes first");
            }
            if (!name.equals("files")) {
                head.put(name, ManifestValues.read(json, name));
                continue;
            }
            // the head comes first: its format number says how to read the list, and a summary
            // does not read the list at all
            sawFiles = true;
            ManifestValues.checkFormat(head);
            if (!withFiles) {
                break;
            }
            json.beginArray();
            while (json.hasNext()) {
                files.add(entry(json));
            }
            json.endArray();
        }
        if (withFiles || !sawFiles) {
            json.endObject();
            json.endDocument();
        }
        if (!sawFiles) {
            ManifestValues.checkFormat(head);
            throw new IllegalArgumentException("missing field 'files'");
        }
        ManifestSummary summary = ManifestValues.summary(head, HEAD);
        if (!withFiles) {
            return new Parsed(summary, null);
        }
        Manifest manifest = new Manifest(summary.metadata(), summary.created(), summary.kind(), summary.base(), files);
        ManifestSummary counted = manifest.summary();
        if (counted.files() != summary.files() || counted.bytes() != summary.bytes()
                || counted.copiedBytes() != summary.copiedBytes()) {
            throw new IllegalArgumentException("its summary (" + summary.files() + " files, " + summary.bytes()
                    + " bytes) disagrees with its list (" + counted.files() + " files, " + counted.bytes() + " bytes)");
        }
        return new Parsed(counted, manifest);
    }

    private static ManifestEntry entry(JsonReader json) {
        json.beginObject();
        Set<String> seen = new HashSet<>();
        String path = null;
        String sha256 = null;
        String target = null;
        Instant mtime = null;
        long size = -1;
        boolean linked = false;
        long sourceSize = -1;
        while (json.hasNext()) {
            String name = json.nextName();
            if (!seen.add(name)) {
                throw json.malformed("field '" + name + "' appears twice in a file");
            }
            switch (name) {
                case "path" -> path = json.nextString();
                case "size" -> size = json.nextLong();
                case "sha256" -> sha256 = json.nextString();
                case "mtime" -> mtime = ManifestInstant.parse(json.nextString());
                case "linked" -> linked = json.nextBoolean();
                case "sourceSize" -> sourceSize = json.nextLong();
                case "symlink" -> target = json.nextString();
                default -> throw json.malformed("unknown field '" + name + "' in a file");
            }
        }
        json.endObject();
        if (path == null) {
            throw json.malformed("a file without a path");
        }
        if (target != null) {
            return ManifestEntry.symlink(path, target);
        }
        if (size < 0 || sha256 == null) {
            throw json.malformed("file " + Names.shown(path) + " lacks its size or sha256");
        }
        return ManifestEntry.media(path, size, sha256, mtime, linked, sourceSize);
    }

    private static Reader utf8(Path file) throws IOException {
        // a strict decoder: a manifest with bytes that are not UTF-8 was damaged, not written by us
        // (the lexer reads it a block at a time)
        return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
