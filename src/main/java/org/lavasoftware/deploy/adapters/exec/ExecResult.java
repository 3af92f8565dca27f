package org.lavasoftware.deploy.adapters.exec;

import java.util.regex.Pattern;

/** How a process ended and what it printed. */
public record ExecResult(int exitCode, String stdout, String stderr) {
    /** A Python exception line ("pkg.module.SomeError: message"): the reason in a traceback. */
    private static final Pattern PYTHON_EXCEPTION = Pattern.compile("^(?:[A-Za-z_]\\w*\\.)*([A-Z]\\w*): (.*)$");

    public boolean succeeded() {
        return exitCode == 0;
    }

    /**
     * The program's reason in one line: a full disk wherever the output names it (the lines after
     * it are its consequences, such as pg_dump's other jobs "terminated by user"), else the
     * exception that ended a Python traceback (with the lines its message continues on), else the
     * last non-blank line of the error output.
     */
    public String lastErrorLine() {
        String text = stderr.isBlank() ? stdout : stderr;
        String[] lines = text.strip().split("\n");
        for (String line : lines) {
            if (line.contains("No space left on device")) {
                return line.strip();
            }
        }
        for (int i = lines.length - 1; i >= 0; i--) {
            var m = PYTHON_EXCEPTION.matcher(lines[i].strip());
            if (m.matches() && !lines[i].startsWith(" ")) {
                StringBuilder reason = new StringBuilder(m.group(1)).append(": ").append(m.group(2).strip());
                for (int j = i + 1; j < lines.length; j++) {
                    reason.append(' ').append(lines[j].strip());
                }
                return reason.toString().strip();
            }
        }
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
