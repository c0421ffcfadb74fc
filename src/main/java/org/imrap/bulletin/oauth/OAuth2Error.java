package org.imrap.bulletin.oauth;

import static org.imrap.bulletin.Text.t;

import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * An error response of an authorization server (RFC 6749 §5.2, RFC 8628 §3.5): its {@code error} code and
 * description. The flows act on the codes they expect; any other becomes one clear line.
 */
final class OAuth2Error extends RuntimeException {
    private final String server;
    private final String error;
    private final String description;

    OAuth2Error(String server, String error, String description) {
        super(error + (description.isEmpty() ? "" : ": " + description));
        this.server = server;
        this.error = error;
        this.description = description;
    }

    String error() {
        return error;
    }

    /** The line a user gets for an error no flow expected: the client or the scope is wrong (78), or the login (77). */
    BulletinException toBulletin() {
        String shown = description.isEmpty() ? error : error + ": " + firstLine(description);
        return switch (error) {
            case "invalid_client", "unauthorized_client" -> new BulletinException(ExitCode.CONFIG,
                    t("oauth2.badClient", server, shown), t("oauth2.badClient.hint"));
            case "invalid_scope" -> new BulletinException(ExitCode.CONFIG, t("oauth2.badScope", server, shown),
                    t("oauth2.badScope.hint"));
            case "invalid_grant", "access_denied" -> new BulletinException(ExitCode.NO_PERMISSION,
                    t("oauth2.refused", server, shown), t("oauth2.login.hint"));
            default -> new BulletinException(ExitCode.UNAVAILABLE, t("oauth2.error", server, shown),
                    t("oauth2.error.hint"));
        };
    }

    /** Microsoft's descriptions run over several lines with trace ids: the first says what is wrong. */
    static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
