package org.lavasoftware.deploy.cli;

/** Human-readable sizes and durations. */
final class Units {
    private Units() {
    }

    static String format(long amount, String unit) {
        if (!"B".equals(unit)) {
            return amount + (unit.isEmpty() ? "" : " " + unit);
        }
        String[] names = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = amount;
        int i = 0;
        while (value >= 1024 && i < names.length - 1) {
            value /= 1024;
            i++;
        }
        return i == 0 ? amount + " B" : String.format("%.1f %s", value, names[i]);
    }

    static String duration(long seconds) {
        return seconds >= 3600 ? String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
}
