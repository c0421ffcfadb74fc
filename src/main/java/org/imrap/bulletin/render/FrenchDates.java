package org.imrap.bulletin.render;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as a French reader expects them: "août 2022", "20 août 2022". */
public final class FrenchDates {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

    private FrenchDates() {
    }

    public static String month(YearMonth month) {
        return MONTH.format(month);
    }

    public static String day(LocalDate date) {
        return DAY.format(date);
    }
}
