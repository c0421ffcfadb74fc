package org.imrap.bulletin.io;

import java.util.List;
import java.util.stream.Collectors;

/** Writes one CSV record (RFC 4180): a value is quoted when it holds the separator, a quote, a line break or edge spaces. */
public final class CsvLine {
    private CsvLine() {
    }

    public static String format(List<String> values, char separator) {
        return values.stream().map(value -> quote(value, separator))
                .collect(Collectors.joining(String.valueOf(separator)));
    }

    static String quote(String value, char separator) {
        boolean needsQuotes = value.indexOf(separator) >= 0 || value.contains("\"")
                || value.contains("\n") || value.contains("\r") || !value.equals(value.strip());
        return needsQuotes ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
