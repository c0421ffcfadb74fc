package org.imrap.bulletin.oauth;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.config.Auth;
import org.imrap.bulletin.config.InboxSettings;
import org.imrap.bulletin.config.Passwords;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.mail.Login;

/**
 * The login a command presents to the SMTP server or the mailbox: the password (as before), or, with
 * {@code smtp.auth=oauth2} / {@code inbox.auth=oauth2}, the OAuth2 access token kept fresh from
 * {@code bulletin.oauth2}. The token is obtained (and refreshed if need be) here, before anything is sent:
 * a sign-in that was revoked stops the run at once, with exit 77.
 */
public final class Logins {
    private Logins() {
    }

    /** Empty for the sandbox, and for a server without a login (no smtp.username). */
    public static Optional<Login> smtp(SmtpSettings smtp, Settings file, Map<String, String> env,
                                      Passwords.Prompt prompt, Clock clock) {
        if (smtp.isSandbox()) {
            return Optional.empty();
        }
        if (smtp.auth() == Auth.OAUTH2) {
            return Optional.of(oauth2(file, env, clock));
        }
        return Passwords.smtp(smtp, env, prompt).map(Login::password);
    }

    /** Empty when the mailbox needs no login (no inbox.username). */
    public static Optional<Login> inbox(InboxSettings inbox, Settings file, Map<String, String> env,
                                       Passwords.Prompt prompt, Clock clock) {
        if (inbox.auth() == Auth.OAUTH2) {
            return Optional.of(oauth2(file, env, clock));
        }
        return Passwords.obtain(inbox.username(), inbox.host(), inbox.passwordFile(), Passwords.INBOX_VARIABLE, env,
                prompt).map(Login::password);
    }

    /** The access tokens of {@code oauth2.*}, one fresh already. */
    public static Login oauth2(Settings file, Map<String, String> env, Clock clock) {
        OAuth2Settings settings = OAuth2Settings.resolve(file, env);
        AccessTokens tokens = new AccessTokens(new TokenEndpoint(settings, settings.clientSecret(env), clock),
                new TokenStore(settings.tokenFile()), clock);
        tokens.secret();
        return tokens;
    }
}
