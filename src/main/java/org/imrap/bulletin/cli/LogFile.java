package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/** {@code --log FILE}: every line a run prints, appended with its time. */
final class LogFile implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Path file;
    private final Writer out;
    private final Clock clock;
    private boolean broken;

    LogFile(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new BulletinException(ExitCode.CANNOT_CREATE, t("log.cannotOpen", file, e.getMessage()),
                    t("log.cannotOpen.hint"));
        }
    }

    static String stamp(Clock clock) {
        return TIME.format(LocalDateTime.now(clock));
    }

    /**
     * Appends a line. A log that cannot be written (a full disk) must not stop a send nor hide why it
     * stopped: the first failure is said once on standard error, and the log is left alone after it.
     */
    void line(String text) {
        if (broken) {
            return;
        }
        try {
            for (String line : text.split("\n", -1)) {
                out.write(stamp(clock) + " " + line + "\n");
            }
            out.flush();
        } catch (IOException e) {
            broken = true;
            System.err.println(t("warning", t("log.cannotWrite", file, e.getMessage())));
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            // Everything was flushed line by line.
        }
    }
}
