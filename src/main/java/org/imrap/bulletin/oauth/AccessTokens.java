package org.imrap.bulletin.oauth;

import static org.imrap.bulletin.Text.t;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.io.EditLock;
import org.imrap.bulletin.mail.Login;

/**
 * The access token a run presents with XOAUTH2, kept valid from the refresh token: refreshed when there is
 * none or it expires within {@link #MARGIN} (a long send must not find it expired on a reconnection), and
 * once more when the mail server refuses it. A rotated refresh token (RFC 6749 §6: the old one may stop
 * working at once) is saved before it is used. A refresh the server refuses ({@code invalid_grant}: the
 * sign-in was revoked, expired, or the password changed) ends the run with exit 77 and the command to run.
 * Shared by the connections of one run; {@code .bulletin.oauth2.lock} keeps two processes from refreshing
 * at once.
 */
public final class AccessTokens implements Login {
    static final Duration MARGIN = Duration.ofMinutes(5);

    private final TokenEndpoint endpoint;
    private final TokenStore store;
    private final Clock clock;
    private Tokens current;

    AccessTokens(TokenEndpoint endpoint, TokenStore store, Clock clock) {
        this.endpoint = endpoint;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Mechanism mechanism() {
        return Mechanism.XOAUTH2;
    }

    /** An access token with at least {@link #MARGIN} to live. */
    @Override
    public synchronized char[] secret() {
        if (current == null || !current.freshAt(clock.instant(), MARGIN)) {
            current = obtain(Optional.empty());
        }
        return current.accessToken().toCharArray();
    }

    /** After the mail server refused {@code refused}: a token another connection got meanwhile, else a refreshed one. */
    @Override
    public synchronized Optional<char[]> renew(char[] refused) {
        String refusedToken = new String(refused);
        if (current == null || current.accessToken().equals(refusedToken) || !current.freshAt(clock.instant(), MARGIN)) {
            current = obtain(Optional.of(refusedToken));
        }
        return Optional.of(current.accessToken().toCharArray());
    }

    /** The stored token if it will do, else a refreshed one, saved at once; under the token file's lock. */
    private Tokens obtain(Optional<String> refused) {
        try (EditLock lock = store.lock()) {
            Tokens stored = store.load().orElseThrow(() -> new BulletinException(ExitCode.NO_PERMISSION,
                    t("oauth2.notSignedIn", store.file()), t("oauth2.login.hint")));
            if (!stored.tokenUrl().equals(endpoint.settings().endpoints().token())) {
                throw new BulletinException(ExitCode.NO_PERMISSION, t("oauth2.otherServer", store.file(),
                        stored.tokenUrl().getHost()), t("oauth2.login.hint"));
            }
            // Another run (cron's inbox, another connection) may have refreshed it a moment ago.
            boolean refusedOnDisk = refused.filter(token -> token.equals(stored.accessToken())).isPresent();
            if (stored.freshAt(clock.instant(), MARGIN) && !refusedOnDisk) {
                return stored;
            }
            String refreshToken = stored.refreshToken().orElseThrow(() -> new BulletinException(
                    ExitCode.NO_PERMISSION, t("oauth2.noRefreshToken", store.file()), t("oauth2.login.hint")));
            Tokens refreshed;
            try {
                refreshed = stored.refreshedWith(endpoint.refresh(refreshToken));
            } catch (OAuth2Error e) {
                if (e.error().equals("invalid_grant")) {
                    throw new BulletinException(ExitCode.NO_PERMISSION, t("oauth2.refreshRefused",
                            endpoint.settings().describe(), OAuth2Error.firstLine(e.getMessage())), t("oauth2.login.hint"));
                }
                throw e.toBulletin();
            }
            store.save(refreshed);
            return refreshed;
        }
    }
}
