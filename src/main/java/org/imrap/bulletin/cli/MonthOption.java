package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import picocli.CommandLine.Option;

/**
 * {@code --month YYYY-MM | previous | current}: the month of news (default: the latest month that has
 * items). {@code previous} is what a monthly cron job sends: last month, whatever day it runs.
 */
final class MonthOption {
    @Option(names = "--month", paramLabel = "YYYY-MM")
    String month;

    Optional<YearMonth> month(Clock clock) {
        if (month == null) {
            return Optional.empty();
        }
        String value = month.strip().toLowerCase(Locale.ROOT);
        YearMonth now = YearMonth.now(clock);
        switch (value) {
            case "previous", "precedent", "précédent" -> {
                return Optional.of(now.minusMonths(1));
            }
            case "current", "courant" -> {
                return Optional.of(now);
            }
            default -> {
                try {
                    return Optional.of(YearMonth.parse(value));
                } catch (DateTimeParseException e) {
                    throw new BulletinException(ExitCode.USAGE, t("month.bad", month), t("month.bad.hint"));
                }
            }
        }
    }
}
