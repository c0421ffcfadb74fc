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

    void line(String text) {
        try {
            for (String line : text.split("\n", -1)) {
                out.write(stamp(clock) + " " + line + "\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new BulletinException(ExitCode.CANNOT_CREATE, t("log.cannotWrite", file, e.getMessage()),
                    null);
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
