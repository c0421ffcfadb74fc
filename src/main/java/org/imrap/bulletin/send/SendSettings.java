package org.imrap.bulletin.send;

import static org.imrap.bulletin.Text.t;

import java.time.Duration;
import java.util.Optional;
import org.imrap.bulletin.DurationText;
import org.imrap.bulletin.ValueSyntaxException;
import org.imrap.bulletin.WholeNumber;
import org.imrap.bulletin.compose.ReportMailer;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpProvider;
import org.imrap.bulletin.config.SmtpSettings;

/**
 * How fast and how stubbornly to send: {@code send.rate} (messages per minute, 0 for no limit),
 * {@code send.retries} (tries per message in a run when the server says "later"), and
 * {@code send.retryDelay} (the first wait between tries; each next wait doubles), {@code send.quota}
 * (see {@link Quota}), {@code report.to} (staff who get the run report by mail) and
 * {@code send.connections} (SMTP sessions at once, 1 by default, at most {@value #MAX_CONNECTIONS}; or
 * {@code auto}: from 1 up to {@code send.maxConnections}, default {@value #AUTO_MAX}, while the rate rises,
 * see {@link ConnectionGrowth}).
 *
 * @param connections the number of connections; with {@code auto}, the most it may open
 */
record SendSettings(int ratePerMinute, int tries, Duration retryDelay, Quota quota, java.util.List<String> reportTo,
                    int connections, ConnectionChoice connectionChoice) {
    static final int MAX_CONNECTIONS = 16;
    static final int AUTO_MAX = 8;
    private static final Settings.Range CONNECTIONS = Settings.Range.of(1, MAX_CONNECTIONS)
            .saying("settings.range", "settings.connections.hint");

    /** A number of connections set, or as many as help. */
    enum ConnectionChoice { FIXED, AUTO }

    SendSettings(int ratePerMinute, int tries, Duration retryDelay, Quota quota, java.util.List<String> reportTo,
                 int connections) {
        this(ratePerMinute, tries, retryDelay, quota, reportTo, connections, ConnectionChoice.FIXED);
    }

    boolean autoConnections() {
        return connectionChoice == ConnectionChoice.AUTO;
    }

    static SendSettings from(Settings settings) {
        return from(settings, Optional.empty());
    }

    /**
     * With the {@code smtp.provider}'s published limits for what the settings leave out, when the messages go
     * to that provider's server (not to the sandbox, nor to a host given instead).
     */
    static SendSettings from(Settings settings, SmtpSettings smtp) {
        return from(settings, smtp.atProvider() ? smtp.provider() : Optional.empty());
    }

    private static SendSettings from(Settings settings, Optional<SmtpProvider> provider) {
        java.util.List<String> reportTo = ReportMailer.reportTo(settings);
        return new SendSettings(
                ratePerMinute(settings, provider.map(SmtpProvider::ratePerMinute).orElse(0)),
                Math.max(1, settings.integer("send.retries", 3, Settings.Range.atLeast(0))),
                settings.pause("send.retryDelay", Duration.ofSeconds(10)),
                Quota.from(settings, provider.map(SmtpProvider::quota)),
                reportTo,
                autoConnections(settings) ? settings.integer("send.maxConnections", AUTO_MAX, CONNECTIONS)
                        : settings.integer("send.connections", 1, CONNECTIONS),
                autoConnections(settings) ? ConnectionChoice.AUTO : ConnectionChoice.FIXED);
    }

    private static boolean autoConnections(Settings settings) {
        return settings.optional("send.connections").filter(value -> value.strip().equalsIgnoreCase("auto")).isPresent();
    }

    /**
     * {@code send.rate}: messages per minute, as a number alone ({@code 30}) or a number per period
     * ({@code 30/min}, {@code 600/h}; the period in {@link DurationText}'s grammar) that makes a whole number
     * per minute.
     */
    private static int ratePerMinute(Settings settings, int fallback) {
        Optional<String> value = settings.optional("send.rate");
        if (value.isEmpty()) {
            return fallback;
        }
        String text = value.get();
        int slash = text.indexOf('/');
        try {
            long count = WholeNumber.parse(slash < 0 ? text : text.substring(0, slash), 0, Integer.MAX_VALUE);
            long periodMillis = slash < 0 ? 60_000 : DurationText.period(text.substring(slash + 1)).toMillis();
            if (count * 60_000 % periodMillis != 0 || count * 60_000 / periodMillis > Integer.MAX_VALUE) {
                throw new ValueSyntaxException(text);
            }
            return (int) (count * 60_000 / periodMillis);
        } catch (ValueSyntaxException e) {
            throw settings.error("send.rate", t("settings.perPeriod", "send.rate", text), t("settings.rate.hint"));
        }
    }

    /** The shortest time between two messages, from the rate. */
    Duration interval() {
        return ratePerMinute == 0 ? Duration.ZERO : Duration.ofMillis(60_000L / ratePerMinute);
    }
}
