package org.imrap.bulletin.send;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.imrap.bulletin.DurationText;
import org.imrap.bulletin.ValueSyntaxException;
import org.imrap.bulletin.WholeNumber;
import org.imrap.bulletin.config.Settings;

/**
 * The sending quota of the SMTP account ({@code send.quota=2000/day}, {@code 100/hour, 1000/day}),
 * in rolling windows. What has been used is counted from the journals on disk — every message handed
 * to the server in any campaign — so that a bulletin larger than a day's quota spreads itself over
 * several cron runs. A quota is a setting and does not change; what a run uses is a {@link Usage}.
 */
final class Quota {
    /** One limit: at most {@code max} messages in any {@code window}. */
    record Limit(int max, Duration window, String text) {
    }

    private final List<Limit> limits;

    private Quota(List<Limit> limits) {
        this.limits = List.copyOf(limits);
    }

    static Quota none() {
        return new Quota(List.of());
    }

    static Quota from(Settings settings) {
        return from(settings, Optional.empty());
    }

    /** {@code send.quota}, else {@code preset} (an smtp.provider's published limit). */
    static Quota from(Settings settings, Optional<String> preset) {
        Optional<String> value = settings.optional("send.quota").or(() -> preset);
        if (value.isEmpty()) {
            return none();
        }
        List<Limit> limits = new ArrayList<>();
        for (String part : value.get().split(",")) {
            String text = part.strip().toLowerCase(Locale.ROOT);
            int slash = text.indexOf('/');
            try {
                if (slash < 0) {
                    throw new ValueSyntaxException(text);
                }
                int max = (int) WholeNumber.parse(text.substring(0, slash), 1, Integer.MAX_VALUE);
                Duration window = DurationText.period(text.substring(slash + 1));
                limits.add(new Limit(max, window, max + "/" + text.substring(slash + 1).strip()));
            } catch (ValueSyntaxException e) {
                throw settings.error("send.quota", t("settings.perPeriod", "send.quota", value.get()),
                        t("settings.quota.hint"));
            }
        }
        return new Quota(limits);
    }

    boolean isSet() {
        return !limits.isEmpty();
    }

    String describe() {
        return String.join(", ", limits.stream().map(Limit::text).toList());
    }

    /**
     * Reads the journals in {@code journalDir} (again, on each call) and counts what they say was handed
     * over within the windows before {@code now}: a new count, which the run then adds to.
     */
    Usage readUsage(Path journalDir, Instant now) {
        if (limits.isEmpty() || !Files.isDirectory(journalDir)) {
            return new Usage(List.of());
        }
        Instant since = now.minus(longest());
        List<Instant> times = new ArrayList<>();
        try (Stream<Path> files = Files.list(journalDir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".csv"))::iterator) {
                // Lenient: a row cut mid-character by a crash, or a stray spreadsheet here, must not stop sending.
                try (Reader in = new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8
                        .newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE));
                     java.io.BufferedReader lines = new java.io.BufferedReader(in)) {
                    String header = lines.readLine();
                    if (header == null || !header.startsWith("time,campaign,")) {
                        continue;
                    }
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        int comma = line.indexOf(',');
                        try {
                            Instant time = Instant.parse(comma < 0 ? line : line.substring(0, comma));
                            if (time.isAfter(since)) {
                                times.add(time);
                            }
                        } catch (DateTimeParseException e) {
                            // A torn last line: its message's outcome never reached the disk.
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new org.imrap.bulletin.BulletinException(org.imrap.bulletin.ExitCode.NO_INPUT,
                    t("quota.unreadable", journalDir, e.getMessage()), null);
        }
        times.sort(null);
        return new Usage(times);
    }

    private Duration longest() {
        return limits.stream().map(Limit::window).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /**
     * What a quota has used: the times of the messages handed over within its longest window, oldest
     * first, as the journals held them and as this run adds to them. Used by one thread at a time.
     */
    final class Usage {
        private final List<Instant> recent;

        private Usage(List<Instant> times) {
            this.recent = new ArrayList<>(times);
        }

        /** The quota this counts against, as the settings give it. */
        String describe() {
            return Quota.this.describe();
        }

        /** Takes one more message handed over at {@code time} into account. */
        void record(Instant time) {
            if (!limits.isEmpty()) {
                recent.add(time);
            }
        }

        /** When the next message may go, if not now. */
        Optional<Instant> nextAllowed(Instant now) {
            Instant next = null;
            for (Limit limit : limits) {
                int first = firstAfter(now.minus(limit.window()));
                int used = recent.size() - first;
                if (used >= limit.max()) {
                    Instant free = recent.get(recent.size() - limit.max()).plus(limit.window());
                    if (next == null || free.isAfter(next)) {
                        next = free;
                    }
                }
            }
            return Optional.ofNullable(next);
        }

        /** How many messages may go now, before the quota stops them (empty: no quota). */
        Optional<Integer> leftNow(Instant now) {
            Optional<Integer> left = Optional.empty();
            for (Limit limit : limits) {
                int free = Math.max(0, limit.max() - (recent.size() - firstAfter(now.minus(limit.window()))));
                left = Optional.of(left.map(l -> Math.min(l, free)).orElse(free));
            }
            return left;
        }

        /** The index of the first time after {@code since} (the times are in order). */
        private int firstAfter(Instant since) {
            int low = 0;
            int high = recent.size();
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (recent.get(middle).isAfter(since)) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            return low;
        }
    }
}
