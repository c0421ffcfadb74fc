package org.imrap.bulletin.config;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.DurationText;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.ValueSyntaxException;
import org.imrap.bulletin.WholeNumber;
import org.imrap.bulletin.io.MalformedTextException;
import org.imrap.bulletin.io.StrictText;

/**
 * The key–value settings of {@code bulletin.properties}, read as UTF-8. Errors name the file and,
 * where the key is present, its line.
 */
public final class Settings {
    private static final List<String> FORBIDDEN_KEYS = List.of("smtp.password", "password", "inbox.password");

    private final Path file;
    private final Properties values;
    private final List<String> lines;

    private Settings(Path file, Properties values, List<String> lines) {
        this.file = file;
        this.values = values;
        this.lines = lines;
    }

    public static Settings load(Path file) {
        String text;
        try {
            text = StrictText.read(file);
        } catch (MalformedTextException e) {
            throw new BulletinException(ExitCode.CONFIG, e.getMessage(), e.hint().orElse(null));
        } catch (IOException e) {
            throw new BulletinException(ExitCode.NO_INPUT, t("file.cannotRead", file, e.getMessage()), null);
        }
        Properties values = new Properties();
        try (Reader reader = new java.io.StringReader(text)) {
            values.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new BulletinException(ExitCode.CONFIG, file + ": " + e.getMessage(), t("settings.bad.hint"));
        }
        Settings settings = new Settings(file, values, text.lines().toList());
        settings.refuseSecrets();
        return settings;
    }

    private void refuseSecrets() {
        for (String key : FORBIDDEN_KEYS) {
            if (values.containsKey(key)) {
                throw error(key, t("settings.password", file.getFileName()), t("settings.password.hint"));
            }
        }
    }

    public Path file() {
        return file;
    }

    public Optional<String> optional(String key) {
        String value = values.getProperty(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** Every setting whose key starts with {@code prefix}, keyed by the rest of the key. */
    public java.util.Map<String, String> withPrefix(String prefix) {
        java.util.Map<String, String> found = new java.util.TreeMap<>();
        for (String key : values.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                found.put(key.substring(prefix.length()), values.getProperty(key).strip());
            }
        }
        return found;
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> new BulletinException(ExitCode.CONFIG,
                t("settings.missing", file, key), t("settings.missing.hint", key, Workspace.SETTINGS_FILE)));
    }

    /**
     * The whole numbers a setting takes, and the message that says so when a value is not one of them. The
     * message's arguments are the key, the value, {@code min} and {@code max}.
     */
    public record Range(long min, long max, String message, String hint) {
        /** From {@code min} to {@code max}. */
        public static Range of(long min, long max) {
            return new Range(min, max, "settings.range", "settings.range.hint");
        }

        /** {@code min} or more (as much as an {@code int} holds). */
        public static Range atLeast(long min) {
            return new Range(min, Integer.MAX_VALUE, "settings.atLeast", "settings.range.hint");
        }

        /** The same numbers, told in words that name what they count ({@code settings.pixels} …). */
        public Range saying(String otherMessage, String otherHint) {
            return new Range(min, max, otherMessage, otherHint);
        }
    }

    /** The whole number {@code key} is set to, else {@code fallback}; a value out of {@code range} is an error. */
    public int integer(String key, int fallback, Range range) {
        return integer(key, optional(key), fallback, range);
    }

    /** The same, for a value that may also come from the environment (errors still name the file's line). */
    public int integer(String key, Optional<String> value, int fallback, Range range) {
        if (range.max() > Integer.MAX_VALUE || range.min() < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(range + " does not fit an int");
        }
        return (int) whole(key, value, fallback, range);
    }

    /** {@link #integer}, for a count that may not fit an {@code int}. */
    public long whole(String key, Optional<String> value, long fallback, Range range) {
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return WholeNumber.parse(value.get(), range.min(), range.max());
        } catch (ValueSyntaxException e) {
            throw error(key, t(range.message(), key, value.get(), range.min(), range.max()),
                    t(range.hint(), key, value.get(), range.min(), range.max()));
        }
    }

    /**
     * A timeout ({@link DurationText}; a number alone is seconds), else {@code fallback}: more than zero, as a
     * zero timeout would mean none.
     */
    public Duration timeout(String key, Duration fallback) {
        Duration duration = duration(key, fallback);
        if (duration.isNegative() || duration.isZero()) {
            throw error(key, t("duration.positive", key), t("duration.hint"));
        }
        return duration;
    }

    /** A wait ({@link DurationText}; a number alone is seconds), else {@code fallback}: zero allowed, never negative. */
    public Duration pause(String key, Duration fallback) {
        Duration duration = duration(key, fallback);
        if (duration.isNegative()) {
            throw error(key, t("duration.negative", key), t("duration.wait.hint"));
        }
        return duration;
    }

    private Duration duration(String key, Duration fallback) {
        Optional<String> value = optional(key);
        try {
            return value.isEmpty() ? fallback : DurationText.parse(value.get(), DurationText.BareNumber.SECONDS);
        } catch (ValueSyntaxException e) {
            throw error(key, t("duration.bad", key, value.get()), t("duration.hint"));
        }
    }

    /** An error about one setting, naming the line it is on. */
    public BulletinException error(String key, String message, String hint) {
        return new BulletinException(ExitCode.CONFIG, location(key) + ": " + message, hint);
    }

    private String location(String key) {
        Pattern keyLine = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:\\s].*");
        // The last line that sets the key is the one in force (java.util.Properties keeps the last).
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (keyLine.matcher(lines.get(i)).matches()) {
                return file + ":" + (i + 1);
            }
        }
        return file.toString();
    }
}
