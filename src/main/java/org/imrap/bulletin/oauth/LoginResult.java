package org.imrap.bulletin.oauth;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A sign-in that succeeded: where the tokens are, and what they allow (never the tokens themselves).
 *
 * @param refreshable whether the server gave a refresh token, without which bulletin cannot run unattended
 * @param unused      neither {@code smtp.auth} nor {@code inbox.auth} is {@code oauth2} yet
 */
public record LoginResult(String provider, Path tokenFile, Instant expiresAt, boolean refreshable, String scope,
                          boolean unused) {
}
