package org.imrap.bulletin.oauth;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * {@code oauth2.provider}: whose authorization server signs bulletin in. The presets carry the endpoints and
 * the scopes that SMTP and IMAP need; {@code custom} takes them from bulletin.properties.
 */
public enum Provider {
    /**
     * The Microsoft identity platform (v2.0 endpoints) for Exchange Online: SMTP.Send and IMAP.AccessAsUser.All
     * on outlook.office.com, and offline_access for a refresh token. {@code oauth2.tenant} is the directory:
     * {@code organizations} (any work or school account) by default, or the tenant's id or domain.
     */
    MICROSOFT(Flow.DEVICE),
    /**
     * Google's OAuth 2.0 for installed applications; the scope {@code https://mail.google.com/} is the one
     * IMAP and SMTP accept. Google's device flow does not allow that scope, so the browser is the default.
     */
    GOOGLE(Flow.BROWSER),
    /** Any other server, from {@code oauth2.deviceAuthorizationUrl}, {@code oauth2.authorizationUrl}, {@code oauth2.tokenUrl}, {@code oauth2.scope}. */
    CUSTOM(Flow.DEVICE);

    /** How {@code bulletin login} gets the person's consent. */
    public enum Flow {
        /** The device authorization grant (RFC 8628): a code typed on another device; works over SSH. */
        DEVICE,
        /** The authorization code grant with PKCE and a loopback redirect (RFC 6749 §4.1, RFC 7636, RFC 8252). */
        BROWSER
    }

    static final String MICROSOFT_SCOPE =
            "https://outlook.office.com/SMTP.Send https://outlook.office.com/IMAP.AccessAsUser.All offline_access";
    static final String GOOGLE_SCOPE = "https://mail.google.com/";

    private final Flow defaultFlow;

    Provider(Flow defaultFlow) {
        this.defaultFlow = defaultFlow;
    }

    public Flow defaultFlow() {
        return defaultFlow;
    }

    /** The preset endpoints: Microsoft's for the tenant; Google's. Not for {@link #CUSTOM}. */
    Endpoints preset(String tenant, Optional<String> scope) {
        return switch (this) {
            case MICROSOFT -> {
                String base = "https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/";
                yield new Endpoints(Optional.of(URI.create(base + "devicecode")), Optional.of(URI.create(base + "authorize")),
                        URI.create(base + "token"), scope.orElse(MICROSOFT_SCOPE), Map.of());
            }
            // access_type=offline asks for a refresh token; prompt=consent gives one even to a second sign-in.
            case GOOGLE -> new Endpoints(Optional.of(URI.create("https://oauth2.googleapis.com/device/code")),
                    Optional.of(URI.create("https://accounts.google.com/o/oauth2/v2/auth")),
                    URI.create("https://oauth2.googleapis.com/token"), scope.orElse(GOOGLE_SCOPE),
                    Map.of("access_type", "offline", "prompt", "consent"));
            case CUSTOM -> throw new IllegalStateException("custom endpoints come from the settings");
        };
    }
}
