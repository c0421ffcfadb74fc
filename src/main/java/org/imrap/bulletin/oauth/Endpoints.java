package org.imrap.bulletin.oauth;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where an authorization server takes each request, and what bulletin asks it for.
 *
 * @param deviceAuthorization the device authorization endpoint (RFC 8628 §3.1), for {@code bulletin login --device}
 * @param authorization       the authorization endpoint (RFC 6749 §3.1), for {@code bulletin login --browser}
 * @param token               the token endpoint (RFC 6749 §3.2)
 * @param scope               space-separated scopes (RFC 6749 §3.3)
 * @param extraAuthorization  parameters a provider needs on the authorization request besides RFC 6749's
 */
public record Endpoints(Optional<URI> deviceAuthorization, Optional<URI> authorization, URI token, String scope,
                        Map<String, String> extraAuthorization) {
}
