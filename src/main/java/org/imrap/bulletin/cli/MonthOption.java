package org.imrap.bulletin.cli;

import java.time.YearMonth;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --month YYYY-MM}: the month of news (default: the latest month that has items). */
final class MonthOption {
    @Option(names = "--month", paramLabel = "YYYY-MM", converter = YearMonthConverter.class,
            description = "The month of news (default: the latest month that has items).")
    YearMonth month;

    Optional<YearMonth> month() {
        return Optional.ofNullable(month);
    }
}
