package org.imrap.bulletin.oauth;

import static org.imrap.bulletin.Text.t;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * The OAuth 2.0 Device Authorization Grant (RFC 8628): bulletin shows an address and a code, the person
 * opens the address on any device (a phone will do), types the code and signs in; meanwhile bulletin polls
 * the token endpoint. Works over SSH on a machine without a browser.
 */
final class DeviceFlow {
    /** What {@code slow_down} adds to the polling interval (RFC 8628 §3.5). */
    static final Duration SLOW_DOWN = Duration.ofSeconds(5);

    private final TokenEndpoint endpoint;
    private final Clock clock;

    DeviceFlow(TokenEndpoint endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    Tokens run(LoginOperator person) {
        java.net.URI deviceEndpoint = endpoint.settings().endpoints().deviceAuthorization().orElseThrow();
        DeviceAuthorization device = endpoint.authorizeDevice(deviceEndpoint);
        person.say(t("login.device.open", device.verificationUri()));
        person.say(t("login.device.code", device.userCode()));
        device.verificationUriComplete().ifPresent(complete -> person.say(t("login.device.complete", complete)));
        person.say(t("login.device.waiting", minutes(device.expiresIn())));
        Instant deadline = clock.instant().plus(device.expiresIn());
        Duration interval = device.interval();
        while (true) {
            // The client waits the interval before each poll, the first included (RFC 8628 §3.4–3.5).
            sleep(person, interval);
            if (clock.instant().isAfter(deadline)) {
                throw expired();
            }
            try {
                return endpoint.pollDevice(device.deviceCode());
            } catch (OAuth2Error e) {
                switch (e.error()) {
                    case "authorization_pending" -> {
                        // The person has not answered yet: poll again after the interval.
                    }
                    case "slow_down" -> interval = interval.plus(SLOW_DOWN);
                    // Microsoft says authorization_declined where RFC 8628 says access_denied.
                    case "access_denied", "authorization_declined" -> throw new BulletinException(ExitCode.NO_PERMISSION,
                            t("login.denied", endpoint.settings().describe()), t("login.denied.hint"));
                    case "expired_token" -> throw expired();
                    default -> throw e.toBulletin();
                }
            }
        }
    }

    private static BulletinException expired() {
        return new BulletinException(ExitCode.TEMPORARY_FAILURE, t("login.expired"), t("login.expired.hint"));
    }

    private static void sleep(LoginOperator person, Duration interval) {
        try {
            person.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BulletinException(ExitCode.TEMPORARY_FAILURE, t("oauth2.interrupted"), null, e);
        }
    }

    private static long minutes(Duration duration) {
        return Math.max(1, (duration.toSeconds() + 59) / 60);
    }
}
