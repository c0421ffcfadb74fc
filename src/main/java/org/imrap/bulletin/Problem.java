package org.imrap.bulletin;

import java.nio.file.Path;

/** One thing wrong with one input file, at a line (1-based; 0 when it concerns the whole file). */
public record Problem(Path file, int line, String message) {

    public static Problem wholeFile(Path file, String message) {
        return new Problem(file, 0, message);
    }

    /** {@code news/x.md:3: message}, the form editors and terminals recognise. */
    public String describe(Path relativeTo) {
        Path shown = file;
        if (relativeTo != null && file.isAbsolute() && file.startsWith(relativeTo)) {
            shown = relativeTo.relativize(file);
        }
        String where = Printable.escape(shown.toString());
        return line > 0 ? where + ":" + line + ": " + Printable.escape(message) : where + ": " + Printable.escape(message);
    }
}
