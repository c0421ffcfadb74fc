package org.imrap.bulletin.inbox;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.InboxSettings;
import org.imrap.bulletin.mail.Login;
import org.imrap.bulletin.mail.SessionProperties;
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
            Session session = Session.getInstance(SessionProperties.inbox(inbox, login.map(Login::mechanism), tls));
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
