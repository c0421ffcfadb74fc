package org.imrap.bulletin.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;

/**
 * Remembers that a month was found without news, so that only the first send for it says so (exit 66:
 * one mail from cron, to the person who can add the news) and the later ones print one line and exit
 * 0. The record is {@code journal/<month>.no-news}, created with {@code CREATE_NEW}: of two runs at
 * once, exactly one is the first; a link in its place is never followed.
 */
public final class EmptyMonth {
    private final Path file;

    public EmptyMonth(Path journalDir, YearMonth month) {
        this.file = journalDir.resolve(month + ".no-news");
    }

    /**
     * Records the month as reported; empty for the first run to find it empty, else when the first one
     * reported it. A record that cannot be written leaves this run the first: better a mail too many
     * than a month nobody hears about.
     */
    public Optional<Instant> report(Clock clock) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, (clock.instant() + "\n").getBytes(StandardCharsets.US_ASCII),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            return Optional.empty();
        } catch (FileAlreadyExistsException e) {
            return Optional.of(reportedAt());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private Instant reportedAt() {
        try {
            try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                return Instant.parse(new String(in.readNBytes(100), StandardCharsets.US_ASCII).strip());
            }
        } catch (IOException | RuntimeException e) {
            // Half-written by a run cut off, or not ours: it still says the month was reported.
            try {
                return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
            } catch (IOException missing) {
                return Instant.EPOCH;
            }
        }
    }
}
