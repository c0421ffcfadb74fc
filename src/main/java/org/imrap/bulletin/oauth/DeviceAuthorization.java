package org.imrap.bulletin.oauth;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A device authorization response (RFC 8628 §3.2): the code the person types at the address, and the
 * device code bulletin polls with (never shown).
 */
record DeviceAuthorization(String deviceCode, String userCode, URI verificationUri,
                           Optional<URI> verificationUriComplete, Duration expiresIn, Duration interval) {
    @Override
    public String toString() {
        return "DeviceAuthorization[userCode=" + userCode + ", verificationUri=" + verificationUri + "]";
    }
}
