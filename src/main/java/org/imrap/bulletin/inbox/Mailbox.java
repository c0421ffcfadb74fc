package org.imrap.bulletin.inbox;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Optional;
import java.util.Properties;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.InboxSettings;
import org.imrap.bulletin.mail.Login;
import org.imrap.bulletin.mail.NoDelaySocketFactory;
import org.imrap.bulletin.mail.Tls;

/**
 * Connecting to the mailbox and logging in, as every inbox run does ({@code bulletin check} too). An
 * OAuth2 access token the server refuses is renewed once and tried again.
 */
public final class Mailbox {
    private Mailbox() {
    }

    /**
     * Opens the store, trusting servers as {@code tls} says; fails with 77 (login refused) or 69
     * (unreachable, TLS refused).
     */
    public static Store open(InboxSettings inbox, Optional<Login> login, Tls tls) {
        char[] secret = login.map(Login::secret).orElse(null);
        try {
            Session session = Session.getInstance(sessionProperties(inbox, login, tls));
            try {
                return open(session, inbox, secret);
            } catch (AuthenticationFailedException e) {
                Optional<char[]> renewed = login.flatMap(l -> l.renew(secret));
                if (renewed.isEmpty()) {
                    throw loginRefused(inbox, login, e);
                }
                try {
                    return open(session, inbox, renewed.get());
                } catch (AuthenticationFailedException again) {
                    throw loginRefused(inbox, login, again);
                }
            }
        } catch (MessagingException e) {
            throw new BulletinException(ExitCode.UNAVAILABLE, t("inbox.cannotConnect", inbox.describe(), e.getMessage()),
                    t("inbox.failed.hint"), e);
        }
    }

    /** The Mail session's {@code mail.imap.*} (or pop3, imaps, pop3s) properties: the one place they are made. */
    static Properties sessionProperties(InboxSettings inbox, Optional<Login> login, Tls tls) {
        String protocol = inbox.protocol();
        String prefix = "mail." + protocol + ".";
        Properties p = new Properties();
        p.put(prefix + "host", inbox.host());
        p.put(prefix + "port", String.valueOf(inbox.port()));
        p.put(prefix + "connectiontimeout", String.valueOf(inbox.connectTimeout().toMillis()));
        p.put(prefix + "timeout", String.valueOf(inbox.readTimeout().toMillis()));
        p.put(prefix + "writetimeout", String.valueOf(inbox.readTimeout().toMillis()));
        // Reading a message must not mark it read (IMAP BODY.PEEK).
        p.put(prefix + "peek", "true");
        if (oauth2(login)) {
            // Named, XOAUTH2 is the one mechanism Angus tries, with the access token as the password.
            p.put(prefix + "auth.mechanisms", "XOAUTH2");
        }
        if (inbox.tls() && protocol.equals("imap")) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        // Each IMAP command waits for its reply: with Nagle's algorithm that is ~40 ms each (see NoDelaySocketFactory).
        if (!protocol.endsWith("s")) {
            p.put(prefix + "socketFactory", new NoDelaySocketFactory());
        }
        tls.configure(p, "mail." + protocol);
        return p;
    }

    private static Store open(Session session, InboxSettings inbox, char[] secret) throws MessagingException {
        Store store = session.getStore(inbox.protocol());
        store.connect(inbox.host(), inbox.port(), inbox.username().orElse(null), secret == null ? null : new String(secret));
        return store;
    }

    private static boolean oauth2(Optional<Login> login) {
        return login.filter(l -> l.mechanism() == Login.Mechanism.XOAUTH2).isPresent();
    }

    private static BulletinException loginRefused(InboxSettings inbox, Optional<Login> login,
                                                  AuthenticationFailedException e) {
        boolean oauth2 = oauth2(login);
        return new BulletinException(ExitCode.NO_PERMISSION, t(oauth2 ? "inbox.login.oauth2" : "inbox.login",
                inbox.describe(), inbox.username().orElse("-"), e.getMessage()),
                t(oauth2 ? "inbox.login.oauth2.hint" : "inbox.login.hint"));
    }
}
