package org.imrap.bulletin;

import java.util.regex.Pattern;

/**
 * The one grammar for a whole number a person writes in a setting or the environment: digits (ASCII), an
 * optional sign, spaces around. Wire formats (SMTP reply codes, a lock file's process id, JSON, dates) are
 * other grammars and keep their own readers.
 */
public final class WholeNumber {
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]{1,19}");

    private WholeNumber() {
    }

    /** The number {@code text} says, from {@code min} to {@code max}; else a {@link ValueSyntaxException}. */
    public static long parse(String text, long min, long max) {
        String digits = text.strip();
        if (NUMBER.matcher(digits).matches()) {
            try {
                long number = Long.parseLong(digits);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // more than a long holds: out of range, as below
            }
        }
        throw new ValueSyntaxException(text);
    }
}
