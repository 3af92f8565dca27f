package org.lavasoftware.deploy.adapters.apache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The machine's default site while instances are served at {@code /NAME/}: a virtual host without
 * a name, so it answers every request no virtual host claims (the machine's addresses, its name),
 * serving at {@code /} what Debian's 000-default serves, and each such instance through the file
 * it links into {@link #INCLUDE_DIR}. Debian's 000-default cannot include those files without
 * being edited (it is a package's conffile), and server-wide configuration (conf-enabled) would
 * put {@code /NAME/} on every virtual host, ahead of their own paths; so the tool owns this site,
 * while any instance needs it, and removes it with the last one.
 *
 * <p>Apache makes the first virtual host of an address its default, in the order of the file
 * names: {@code 00-} sorts before Debian's {@code 000-default}, as 000-default sorts before the
 * others.
 */
public final class DefaultSite {
    public static final String NAME = "00-lava-locations";
    public static final String DEBIAN_DEFAULT = "000-default";
    public static final Path INCLUDE_DIR = Path.of("/etc/apache2/lava-locations");

    private DefaultSite() {
    }

    public static Path file() {
        return Apache.siteFile(NAME);
    }

    /** Where an instance's location file is linked from: {@code lava-locations/lava-NAME.conf}. */
    public static Path entry(String instance) {
        return INCLUDE_DIR.resolve("lava-" + instance + ".conf");
    }

    /** Whether an instance other than {@code instance} is still served through the site. */
    public static boolean servesOtherThan(String instance) {
        if (!Files.isDirectory(INCLUDE_DIR)) {
            return false;
        }
        Path mine = entry(instance);
        try (Stream<Path> entries = Files.list(INCLUDE_DIR)) {
            return entries.anyMatch(p -> p.getFileName().toString().endsWith(".conf") && !p.equals(mine));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + INCLUDE_DIR + ": " + e.getMessage(), e);
        }
    }

    public static String render() {
        return "# written by lava-deployment-tool: the machine's default site while LAVA instances are served at\n"
                + "# http://ADDRESS/NAME/ (location mode). It sorts before Debian's 000-default, serves what that\n"
                + "# serves at /, and each instance through its file in " + INCLUDE_DIR + ".\n"
                + "# The tool removes it when the last such instance is switched back or removed.\n"
                + "<VirtualHost *:80>\n"
                + "    ServerAdmin webmaster@localhost\n"
                + "    DocumentRoot /var/www/html\n"
                + "    ErrorLog ${APACHE_LOG_DIR}/error.log\n"
                + "    CustomLog ${APACHE_LOG_DIR}/access.log combined\n"
                + "    IncludeOptional " + INCLUDE_DIR + "/*.conf\n"
                + "</VirtualHost>\n";
    }
}
