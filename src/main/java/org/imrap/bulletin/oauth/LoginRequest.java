package org.imrap.bulletin.oauth;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.config.Workspace;

/**
 * What {@code bulletin login} is asked to do.
 *
 * @param flow           {@code --device} or {@code --browser}; empty for the provider's default
 * @param env            the process environment ({@code BULLETIN_OAUTH2_CLIENT_SECRET})
 * @param browserTimeout how long to wait for the browser to come back
 */
public record LoginRequest(Workspace workspace, Optional<Provider.Flow> flow, Map<String, String> env,
                           Duration browserTimeout) {
}
