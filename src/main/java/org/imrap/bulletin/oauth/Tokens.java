package org.imrap.bulletin.oauth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a token endpoint gave (RFC 6749 §5.1): an access token, when it expires, the refresh token that gets
 * the next one, and the scope granted. Never printed: {@link #toString} shows none of the tokens.
 *
 * @param tokenUrl the token endpoint that issued them (tokens of another server are not sent to this one)
 */
public record Tokens(String accessToken, Instant expiresAt, Optional<String> refreshToken, String scope,
                     URI tokenUrl) {

    /** True when the access token still has {@code margin} to live at {@code now}. */
    boolean freshAt(Instant now, Duration margin) {
        return now.plus(margin).isBefore(expiresAt);
    }

    /** The same sign-in with a new access token, and the rotated refresh token if the server gave one (RFC 6749 §6). */
    Tokens refreshedWith(Tokens answer) {
        return new Tokens(answer.accessToken, answer.expiresAt, answer.refreshToken.or(() -> refreshToken),
                answer.scope.isEmpty() ? scope : answer.scope, tokenUrl);
    }

    @Override
    public String toString() {
        return "Tokens[expiresAt=" + expiresAt + ", refreshToken=" + (refreshToken.isPresent() ? "yes" : "no")
                + ", scope=" + scope + ", tokenUrl=" + tokenUrl + "]";
    }
}
