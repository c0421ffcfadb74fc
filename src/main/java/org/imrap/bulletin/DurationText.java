package org.imrap.bulletin;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar for a length of time, read the same way by every setting and option that takes one
 * ({@code smtp.connectTimeout}, {@code smtp.readTimeout}, {@code inbox.readTimeout}, {@code send.retryDelay},
 * {@code --max-time}, and the period of {@code send.rate} and {@code send.quota}): a whole number, spaces if
 * wanted, and a unit, in any case —
 * {@code ms}; {@code s}, {@code second(s)}, {@code seconde(s)}; {@code m}, {@code min}, {@code minute(s)};
 * {@code h}, {@code hour(s)}, {@code heure(s)}; {@code d}, {@code day(s)}, {@code jour(s)}.
 * So {@code 500ms}, {@code 30s}, {@code 5 min}, {@code 2h}, {@code 1 jour}.
 *
 * <p>A number without a unit is a number of seconds in {@code bulletin.properties}, where it has always
 * meant that; {@link BareNumber#REFUSED} is for the command line, where {@code --max-time 50} was likely
 * meant as minutes and would stop a run after 50 seconds. Whether zero or a negative length is allowed is
 * the caller's to say; this class only reads.
 */
public final class DurationText {
    /** What a number written without a unit means. */
    public enum BareNumber { SECONDS, REFUSED }

    private static final Map<String, Duration> UNITS = units();
    private static final Pattern DURATION = Pattern.compile("([+-]?\\p{Nd}{1,19})?\\p{javaWhitespace}*(\\p{L}*)");

    private DurationText() {
    }

    /**
     * The length {@code text} says; a {@link ValueSyntaxException} when it is not one, or too long to count
     * in milliseconds.
     */
    public static Duration parse(String text, BareNumber bare) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(1) == null || m.group(2).isEmpty() && bare == BareNumber.REFUSED) {
            throw new ValueSyntaxException(text);
        }
        return times(text, m.group(1), m.group(2).isEmpty() ? Duration.ofSeconds(1) : unit(text, m.group(2)));
    }

    /**
     * The period of a rate or a quota, the part after the slash of {@code 30/min} or {@code 2000/day}: a
     * duration whose number may be left out, meaning one ({@code day}, {@code 2h}); more than zero.
     */
    public static Duration period(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(2).isEmpty()) {
            throw new ValueSyntaxException(text);
        }
        Duration period = times(text, m.group(1) == null ? "1" : m.group(1), unit(text, m.group(2)));
        if (period.isNegative() || period.isZero()) {
            throw new ValueSyntaxException(text);
        }
        return period;
    }

    /**
     * The shortest text {@link #parse} reads back as {@code duration} (to the millisecond): {@code 2h},
     * {@code 90s}, {@code 500ms}. Hours are the largest unit, as people write a run's length.
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis != 0 && millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    private static Duration unit(String text, String name) {
        Duration unit = UNITS.get(name);
        if (unit == null) {
            throw new ValueSyntaxException(text);
        }
        return unit;
    }

    private static Duration times(String text, String amount, Duration unit) {
        try {
            Duration duration = unit.multipliedBy(Long.parseLong(amount));
            duration.toMillis(); // every user of a duration here asks for it: it must not overflow there
            return duration;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ValueSyntaxException(text);
        }
    }

    private static Map<String, Duration> units() {
        Map<String, Duration> units = new java.util.HashMap<>();
        units.put("ms", Duration.ofMillis(1));
        for (String name : new String[] {"s", "second", "seconds", "seconde", "secondes"}) {
            units.put(name, Duration.ofSeconds(1));
        }
        for (String name : new String[] {"m", "min", "minute", "minutes"}) {
            units.put(name, Duration.ofMinutes(1));
        }
        for (String name : new String[] {"h", "hour", "hours", "heure", "heures"}) {
            units.put(name, Duration.ofHours(1));
        }
        for (String name : new String[] {"d", "day", "days", "jour", "jours"}) {
            units.put(name, Duration.ofDays(1));
        }
        return Map.copyOf(units);
    }
}
