package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens a file in the user's browser where the machine has a way to, else says where it is. An opener
 * that fails (xdg-open with no browser configured exits with an error at once) is reported as such,
 * never as "opened".
 */
final class Browser {
    /** How long an opener may take to fail; one still running then has started a browser. */
    private static final long FAILURE_WAIT_MS = 2000;

    private Browser() {
    }

    static void open(Path file, Map<String, String> env, PrintWriter err) {
        String url = file.toAbsolutePath().toUri().toString();
        Optional<List<String>> opener = opener(env, url);
        if (opener.isEmpty()) {
            err.println(t("browser.none", url));
            err.flush();
            return;
        }
        String program = Path.of(opener.get().get(0)).getFileName().toString();
        try {
            Process process = new ProcessBuilder(opener.get()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor(FAILURE_WAIT_MS, TimeUnit.MILLISECONDS) && process.exitValue() != 0) {
                err.println(t("browser.failed", t("browser.exitCode", program, process.exitValue()), url));
            } else {
                err.println(t("browser.opened", url));
            }
        } catch (IOException e) {
            err.println(t("browser.failed", program + ": " + e.getMessage(), url));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(t("browser.opened", url));
        }
        err.flush();
    }

    /**
     * Opens an address where the machine has a way to, without waiting for the browser; false when it
     * has none (over SSH, under cron, in tests) or the opener could not start.
     */
    static boolean tryOpen(String url, Map<String, String> env) {
        Optional<List<String>> opener = opener(env, url);
        if (opener.isEmpty()) {
            return false;
        }
        try {
            new ProcessBuilder(opener.get()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** rundll32 on Windows, open on macOS, xdg-open where there is a display. */
    private static Optional<List<String>> opener(Map<String, String> env, String url) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return Optional.of(List.of("rundll32", "url.dll,FileProtocolHandler", url));
        }
        if (os.contains("mac") && onPath("open", env)) {
            return Optional.of(List.of("open", url));
        }
        boolean display = env.get("DISPLAY") != null || env.get("WAYLAND_DISPLAY") != null;
        return display ? findOnPath("xdg-open", env).map(program -> List.of(program, url)) : Optional.empty();
    }

    private static boolean onPath(String program, Map<String, String> env) {
        return findOnPath(program, env).isPresent();
    }

    private static Optional<String> findOnPath(String program, Map<String, String> env) {
        String path = env.get("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
