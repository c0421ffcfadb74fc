package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Opens a file in the user's browser where the machine has a way to, else says where it is. */
final class Browser {
    private Browser() {
    }

    static void open(Path file, PrintWriter err) {
        String url = file.toAbsolutePath().toUri().toString();
        if (tryOpen(url, System.getenv())) {
            err.println(t("browser.opened", url));
        } else {
            err.println(t("browser.none", url));
        }
        err.flush();
    }

    /**
     * Opens {@code url} with xdg-open or open when the environment {@code env} (PATH, DISPLAY) has a browser
     * to show it in; false when it has none (over SSH, under cron, in tests).
     */
    static boolean tryOpen(String url, Map<String, String> env) {
        for (String opener : List.of("xdg-open", "open")) {
            if (onPath(opener, env) && hasDisplay(opener, env)) {
                try {
                    new ProcessBuilder(opener, url).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static boolean hasDisplay(String opener, Map<String, String> env) {
        return opener.equals("open") || env.get("DISPLAY") != null || env.get("WAYLAND_DISPLAY") != null;
    }

    private static boolean onPath(String program, Map<String, String> env) {
        String path = env.get("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
