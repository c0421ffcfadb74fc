package org.imrap.bulletin.send;

import static org.imrap.bulletin.Text.t;

import java.time.Duration;
import java.util.Optional;
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
                number(settings, "send.rate", provider.map(SmtpProvider::ratePerMinute).orElse(0)),
                Math.max(1, number(settings, "send.retries", 3)),
                SmtpSettings.waitDuration(settings, "send.retryDelay", settings.optional("send.retryDelay"),
                        Duration.ofSeconds(10)),
                Quota.from(settings, provider.map(SmtpProvider::quota)),
                reportTo,
                autoConnections(settings) ? number(settings, "send.maxConnections", AUTO_MAX, MAX_CONNECTIONS)
                        : number(settings, "send.connections", 1, MAX_CONNECTIONS),
                autoConnections(settings) ? ConnectionChoice.AUTO : ConnectionChoice.FIXED);
    }

    private static boolean autoConnections(Settings settings) {
        return settings.optional("send.connections").filter(value -> value.strip().equalsIgnoreCase("auto")).isPresent();
    }

    private static int number(Settings settings, String key, int fallback, int most) {
        int connections = number(settings, key, fallback);
        if (connections < 1 || connections > most) {
            throw settings.error(key, t("settings.connections", connections, most, key),
                    t("settings.connections.hint"));
        }
        return connections;
    }

    private static int number(Settings settings, String key, int fallback) {
        Optional<String> value = settings.optional(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.get().replaceFirst("/min$", "").strip());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw settings.error(key, t("settings.notNumber", key, value.get()), t("settings.notNumber.hint"));
    }

    /** The shortest time between two messages, from the rate. */
    Duration interval() {
        return ratePerMinute == 0 ? Duration.ZERO : Duration.ofMillis(60_000L / ratePerMinute);
    }
}
