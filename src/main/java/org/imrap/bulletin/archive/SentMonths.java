package org.imrap.bulletin.archive;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.journal.JournalState;
import org.imrap.bulletin.mail.Status;

/**
 * The months whose bulletin went out: those whose campaign — {@code YYYY-MM}, the name {@code send} gives a
 * month's campaign — has at least one {@code sent} row in a journal folder. A campaign given a name of its own
 * ({@code send --campaign NAME}) does not say which month it carried; such a month is named with
 * {@code archive --month}.
 */
final class SentMonths {
    private static final Pattern MONTH_JOURNAL = Pattern.compile("(\\d{4}-\\d{2})\\.csv");

    private SentMonths() {
    }

    /** The months {@code journalDir} ({@code journal/}, or the sandbox's) holds as sent; none when it does not exist. */
    static NavigableSet<YearMonth> in(Path journalDir) {
        NavigableSet<YearMonth> months = new TreeSet<>();
        if (!Files.isDirectory(journalDir)) {
            return months;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(journalDir)) {
            files = listing.filter(file -> MONTH_JOURNAL.matcher(file.getFileName().toString()).matches())
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new BulletinException(ExitCode.NO_INPUT, t("folder.unreadable", journalDir, e.getMessage()), null);
        }
        for (Path file : files) {
            Matcher name = MONTH_JOURNAL.matcher(file.getFileName().toString());
            name.matches();
            YearMonth month;
            try {
                month = YearMonth.parse(name.group(1));
            } catch (java.time.format.DateTimeParseException e) {
                continue;  // 2022-13.csv: no month's campaign
            }
            if (JournalState.read(file).count(Status.SENT) > 0) {
                months.add(month);
            }
        }
        return months;
    }
}
