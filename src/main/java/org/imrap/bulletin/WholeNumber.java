package org.imrap.bulletin;

import java.util.regex.Pattern;

/**
 * The one grammar for a whole number a person writes in a setting or the environment: decimal digits, an
 * optional sign, spaces around. Digits of any script count, as {@link Long#parseLong}, which read these
 * settings before, takes them. Wire formats (SMTP reply codes, a lock file's process id, JSON, dates) are
 * other grammars and keep their own readers.
 */
public final class WholeNumber {
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\p{Nd}{1,19}");

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
