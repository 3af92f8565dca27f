package org.lavasoftware.deploy.snapshot;

/**
 * What an archive may unpack to at most: the bytes of its files together, and its entries. A
 * restore knows roughly what to expect (a manifest's totals, the size of the archive) and sets
 * these a little above, so that a damaged or hostile archive cannot fill the disk.
 */
public record ExtractLimits(long maxBytes, long maxEntries) {
    public ExtractLimits {
        if (maxBytes < 0 || maxEntries < 0) {
            throw new IllegalArgumentException("limits cannot be negative");
        }
    }

    /**
     * The raw tar stream allowed for these limits: the files, plus a header, padding and long
     * names for each entry. A hostile archive can hide nothing bigger in its headers.
     */
    long maxArchiveBytes() {
        long perEntry = 16 * 1024;
        long slack = 1024 * 1024;
        return saturated(maxBytes, saturated(maxEntries > Long.MAX_VALUE / perEntry ? Long.MAX_VALUE
                : maxEntries * perEntry, slack));
    }

    private static long saturated(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }
}
