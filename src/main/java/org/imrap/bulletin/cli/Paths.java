package org.imrap.bulletin.cli;

import java.nio.file.Path;

/** How file paths are shown: relative to the current folder when they are inside it. */
final class Paths {
    private Paths() {
    }

    static String shown(Path file) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
    }
}
