package org.imrap.bulletin.cli;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --month 2022-08}. */
final class YearMonthConverter implements ITypeConverter<YearMonth> {
    @Override
    public YearMonth convert(String value) {
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a month written like 2022-08");
        }
    }
}
