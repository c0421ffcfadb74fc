package org.imrap.bulletin.mail;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.imrap.bulletin.config.InboxSettings;
import org.imrap.bulletin.config.Security;
import org.imrap.bulletin.config.SmtpSettings;

/**
 * The one place the Jakarta Mail session properties are made, for the SMTP server a run sends through and
 * for the mailbox {@code bulletin inbox} (and {@code bulletin check}) reads: {@code mail.PROTOCOL.*} names
 * (Angus Mail 2.0, the package documentation of {@code org.eclipse.angus.mail.smtp} and {@code .imap}),
 * timeouts, TLS and the socket factories. The two differ where they mean to: see {@link #smtp} and
 * {@link #inbox}.
 */
public final class SessionProperties {
    private final String protocol;
    private final Properties properties = new Properties();

    private SessionProperties(String protocol, String host, int port) {
        this.protocol = protocol;
        set("host", host);
        set("port", String.valueOf(port));
    }

    /**
     * For sending through {@code settings}' server ({@code smtp}, or {@code smtps} for implicit TLS). Reads
     * and writes are limited by our own socket factory ({@link SocketWatchdog}), not by Angus's timeout,
     * which costs two more system calls per read, and writetimeout, a timer task per write; with implicit
     * TLS the socket is the JDK's, so Angus's limits it is. The greeting gets the connect timeout: a server
     * that says nothing once connected is most often a TLS port (see {@link PortProbe}).
     */
    public static Properties smtp(SmtpSettings settings, String envelopeFrom, Optional<Login.Mechanism> mechanism,
                                  Tls tls) {
        String protocol = smtpProtocol(settings);
        SessionProperties p = new SessionProperties(protocol, settings.host(), settings.port());
        p.properties.put("mail.transport.protocol", protocol);
        p.set("from", envelopeFrom);
        p.set("connectiontimeout", millis(settings.connectTimeout()));
        p.set("auth", String.valueOf(settings.username().isPresent()));
        p.xoauth2(mechanism);
        switch (settings.security()) {
            case STARTTLS -> {
                p.startTlsRequired();
                p.watchedSockets(settings);
                tls.configure(p.properties, "mail." + protocol);
            }
            case SSL -> {
                tls.configure(p.properties, "mail." + protocol);
                p.set("timeout", millis(settings.readTimeout()));
                p.set("writetimeout", millis(settings.writeTimeout()));
            }
            case NONE -> p.watchedSockets(settings);
        }
        return p.properties;
    }

    /**
     * For reading the mailbox ({@code imaps}, {@code imap} with STARTTLS required, {@code pop3s}, or plain on
     * this machine): Angus's own timeouts, the read timeout for writes too; messages read without being
     * marked read; TCP_NODELAY on plain sockets, as each IMAP command waits for its reply and Nagle's
     * algorithm would add ~40 ms to each.
     */
    public static Properties inbox(InboxSettings inbox, Optional<Login.Mechanism> mechanism, Tls tls) {
        String protocol = inbox.protocol();
        SessionProperties p = new SessionProperties(protocol, inbox.host(), inbox.port());
        p.set("connectiontimeout", millis(inbox.connectTimeout()));
        p.set("timeout", millis(inbox.readTimeout()));
        p.set("writetimeout", millis(inbox.readTimeout()));
        // Reading a message must not mark it read (IMAP BODY.PEEK).
        p.set("peek", "true");
        p.xoauth2(mechanism);
        if (inbox.tls() && protocol.equals("imap")) {
            p.startTlsRequired();
        }
        if (!protocol.endsWith("s")) {
            p.properties.put(p.name("socketFactory"), new NoDelaySocketFactory());
        }
        tls.configure(p.properties, "mail." + protocol);
        return p.properties;
    }

    /** {@code smtps} for implicit TLS, else {@code smtp}. */
    static String smtpProtocol(SmtpSettings settings) {
        return settings.security() == Security.SSL ? "smtps" : "smtp";
    }

    private String name(String property) {
        return "mail." + protocol + "." + property;
    }

    private void set(String property, String value) {
        properties.put(name(property), value);
    }

    private void xoauth2(Optional<Login.Mechanism> mechanism) {
        if (mechanism.filter(m -> m == Login.Mechanism.XOAUTH2).isPresent()) {
            // Angus has XOAUTH2 off unless it is named here; then it is the only mechanism tried, with the
            // access token as the password (the Angus SMTP package documentation, "OAuth 2.0 Support").
            set("auth.mechanisms", "XOAUTH2");
        }
    }

    private void startTlsRequired() {
        set("starttls.enable", "true");
        set("starttls.required", "true");
    }

    private void watchedSockets(SmtpSettings settings) {
        properties.put(name("socketFactory"), new NoDelaySocketFactory(settings.connectTimeout(),
                settings.readTimeout(), settings.writeTimeout()));
    }

    private static String millis(Duration duration) {
        return String.valueOf(duration.toMillis());
    }
}
