package org.imrap.bulletin.config;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code smtp.provider}: the settings of a large provider's submission server, so that nobody has to look
 * them up. Each fills in only what bulletin.properties (or the environment, or the command line) does not
 * set. The sending limits are the providers' published ones (sources in the README, "Connecting to your
 * provider"); bulletin stays under them instead of finding them by being refused.
 *
 * @param quota        {@code send.quota} unless set: the published daily limit, counted over a rolling day
 * @param ratePerMinute {@code send.rate} unless set (0: none published)
 * @param oauth2        the {@code oauth2.provider} whose sign-in the server takes
 */
public enum SmtpProvider {
    /** A consumer Gmail account: 500 messages a day (support.google.com/mail/answer/22839). */
    GMAIL("gmail", "smtp.gmail.com", 587, Security.STARTTLS, "500/day", 0, "google"),
    /** Google Workspace: 2,000 messages a day per user (support.google.com/a/answer/166852). */
    GOOGLE_WORKSPACE("google-workspace", "smtp.gmail.com", 587, Security.STARTTLS, "2000/day", 0, "google"),
    /**
     * Exchange Online (Microsoft 365): 10,000 recipients a day and 30 messages a minute per mailbox
     * (learn.microsoft.com, "Exchange Online limits", sending limits); bulletin sends one recipient a message.
     */
    MICROSOFT365("microsoft365", "smtp.office365.com", 587, Security.STARTTLS, "10000/day", 30, "microsoft");

    private final String name;
    private final String host;
    private final int port;
    private final Security security;
    private final String quota;
    private final int ratePerMinute;
    private final String oauth2;

    SmtpProvider(String name, String host, int port, Security security, String quota, int ratePerMinute,
                 String oauth2) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.security = security;
        this.quota = quota;
        this.ratePerMinute = ratePerMinute;
        this.oauth2 = oauth2;
    }

    /** The provider {@code smtp.provider} names, if any; an unknown name is a configuration error. */
    public static Optional<SmtpProvider> from(Settings file) {
        Optional<String> value = file.optional("smtp.provider");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String wanted = value.get().toLowerCase(Locale.ROOT);
        for (SmtpProvider provider : values()) {
            if (provider.name.equals(wanted)) {
                return Optional.of(provider);
            }
        }
        throw file.error("smtp.provider", org.imrap.bulletin.Text.t("smtp.badProvider", value.get()),
                org.imrap.bulletin.Text.t("smtp.badProvider.hint"));
    }

    /** As bulletin.properties spells it: {@code google-workspace}. */
    public String settingName() {
        return name;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Security security() {
        return security;
    }

    /** OAuth2: Google Workspace and Microsoft 365 take nothing else by default; Gmail also takes an app password. */
    public Auth auth() {
        return Auth.OAUTH2;
    }

    public String quota() {
        return quota;
    }

    public int ratePerMinute() {
        return ratePerMinute;
    }

    /** The {@code oauth2.provider} this server's accounts sign in with. */
    public String oauth2Provider() {
        return oauth2;
    }
}
