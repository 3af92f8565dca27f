package org.lavasoftware.deploy.adapters.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ExecResult;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;

/**
 * Asks the local Apache for a page as a browser would for the instance's host name (curl's
 * --resolve sends the right Host and, for HTTPS, the right SNI), without needing DNS.
 */
public final class HttpCheck {
    private final ProcessRunner runner;

    public HttpCheck(ProcessRunner runner) {
        this.runner = runner;
    }

    public static Command statusCommand(String url, String host, boolean https) {
        int port = https ? 443 : 80;
        List<String> args = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "10", "--resolve", host + ":" + port + ":127.0.0.1"));
        if (https) {
            args.add("-k"); // the instance's certificate may be self-signed
        }
        args.add(url);
        return Command.of(args).timeout(Duration.ofSeconds(20)).build();
    }

    /** The HTTP status of the URL, or 0 when nothing answered. */
    public int status(String url, String host, boolean https) {
        ExecResult r = runner.runAllowingFailure(statusCommand(url, host, https));
        try {
            return Integer.parseInt(r.stdout().strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Waits until the URL answers 200; returns the last status seen. */
    public int awaitOk(String url, String host, boolean https, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int status;
        do {
            status = status(url, host, https);
            if (status == 200) {
                return status;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
        } while (System.nanoTime() < deadline);
        return status;
    }
}
