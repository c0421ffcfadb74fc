package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Opens a file in the user's browser where the machine has a way to, else says where it is. */
final class Browser {
    private Browser() {
    }

    static void open(Path file, PrintWriter err) {
        String url = file.toAbsolutePath().toUri().toString();
        for (String opener : List.of("xdg-open", "open")) {
            if (onPath(opener) && hasDisplay(opener)) {
                try {
                    new ProcessBuilder(opener, url).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    err.println(t("browser.opened", url));
                    return;
                } catch (IOException e) {
                    break;
                }
            }
        }
        err.println(t("browser.none", url));
        err.flush();
    }

    private static boolean hasDisplay(String opener) {
        return opener.equals("open") || System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
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
