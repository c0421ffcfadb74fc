package org.imrap.bulletin.oauth;

import static org.imrap.bulletin.Text.t;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * The authorization server's endpoints, over HTTPS (java.net.http): device authorization (RFC 8628 §3.1),
 * and the token endpoint for the device code (RFC 8628 §3.4), the authorization code (RFC 6749 §4.1.3 with
 * RFC 7636 §4.5) and the refresh token (RFC 6749 §6). Requests are form-encoded POSTs; a confidential
 * client sends its secret in the body (RFC 6749 §2.3.1), as Google and Microsoft take it. No redirect is
 * followed and every request has a time limit. Nothing here logs or prints a token.
 */
final class TokenEndpoint {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** A token without {@code expires_in} is trusted this long, then refreshed (RFC 6749 §5.1 leaves it to the server's documentation). */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final OAuth2Settings settings;
    private final Optional<char[]> clientSecret;
    private final Clock clock;
    private final HttpClient http;

    TokenEndpoint(OAuth2Settings settings, Optional<char[]> clientSecret, Clock clock) {
        this.settings = settings;
        this.clientSecret = clientSecret;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    OAuth2Settings settings() {
        return settings;
    }

    /** RFC 8628 §3.1–3.2. */
    DeviceAuthorization authorizeDevice(URI endpoint) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", settings.clientId());
        form.put("scope", settings.endpoints().scope());
        JsonObject json = post(endpoint, form);
        // Google names the address verification_url (its device flow predates RFC 8628).
        Optional<String> uri = string(json, "verification_uri").or(() -> string(json, "verification_url"));
        Optional<String> deviceCode = string(json, "device_code");
        Optional<String> userCode = string(json, "user_code");
        if (uri.isEmpty() || deviceCode.isEmpty() || userCode.isEmpty()) {
            throw malformed(endpoint, "device_code, user_code, verification_uri");
        }
        return new DeviceAuthorization(deviceCode.get(), userCode.get(), address(endpoint, uri.get()),
                string(json, "verification_uri_complete").map(value -> address(endpoint, value)),
                seconds(json, "expires_in").orElse(Duration.ofMinutes(15)),
                // "If no value is provided, clients MUST use 5 as the default" (RFC 8628 §3.2).
                seconds(json, "interval").orElse(Duration.ofSeconds(5)));
    }

    /** One poll of the token endpoint with the device code (RFC 8628 §3.4); an {@link OAuth2Error} while the person has not answered. */
    Tokens pollDevice(String deviceCode) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", DEVICE_GRANT);
        form.put("device_code", deviceCode);
        form.put("client_id", settings.clientId());
        return tokens(form);
    }

    /** The authorization code and its PKCE verifier for tokens (RFC 6749 §4.1.3, RFC 7636 §4.5). */
    Tokens exchangeCode(String code, String verifier, URI redirectUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("client_id", settings.clientId());
        form.put("code_verifier", verifier);
        return tokens(form);
    }

    /** A new access token (and perhaps a new refresh token) from the refresh token (RFC 6749 §6). */
    Tokens refresh(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", settings.clientId());
        // The scope is left out: "the same as the scope originally granted" (RFC 6749 §6).
        return tokens(form);
    }

    private Tokens tokens(Map<String, String> form) {
        clientSecret.ifPresent(secret -> form.put("client_secret", new String(secret)));
        URI endpoint = settings.endpoints().token();
        JsonObject json = post(endpoint, form);
        Optional<String> access = string(json, "access_token");
        Optional<String> type = string(json, "token_type");
        if (access.isEmpty() || access.get().isEmpty() || type.isEmpty()) {
            throw malformed(endpoint, "access_token, token_type");
        }
        // XOAUTH2 presents a bearer token (RFC 6750); a token of another type would be refused by the mail server.
        if (!type.get().equalsIgnoreCase("Bearer")) {
            throw new BulletinException(ExitCode.UNAVAILABLE, t("oauth2.notBearer", endpoint.getHost(), type.get()),
                    t("oauth2.error.hint"));
        }
        return new Tokens(access.get(), clock.instant().plus(seconds(json, "expires_in").orElse(DEFAULT_LIFETIME)),
                string(json, "refresh_token").filter(token -> !token.isEmpty()), string(json, "scope").orElse(""),
                endpoint);
    }

    private JsonObject post(URI endpoint, Map<String, String> form) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form))).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new BulletinException(ExitCode.UNAVAILABLE, t("oauth2.unreachable", endpoint.getHost(), why),
                    t("oauth2.unreachable.hint"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BulletinException(ExitCode.TEMPORARY_FAILURE, t("oauth2.interrupted"), null, e);
        }
        Optional<JsonObject> json = parse(response.body());
        int status = response.statusCode();
        if (status == 200 && json.isPresent()) {
            return json.get();
        }
        Optional<String> error = json.flatMap(body -> string(body, "error"));
        if (status / 100 == 4 && error.isPresent()) {
            throw new OAuth2Error(endpoint.getHost(), error.get(),
                    json.flatMap(body -> string(body, "error_description")).orElse(""));
        }
        throw new BulletinException(ExitCode.UNAVAILABLE, t("oauth2.badAnswer", endpoint.getHost(), status),
                t("oauth2.error.hint"));
    }

    private static Optional<JsonObject> parse(String body) {
        try {
            JsonElement element = JsonParser.parseString(body);
            return element.isJsonObject() ? Optional.of(element.getAsJsonObject()) : Optional.empty();
        } catch (JsonParseException e) {
            return Optional.empty();
        }
    }

    private BulletinException malformed(URI endpoint, String fields) {
        return new BulletinException(ExitCode.UNAVAILABLE, t("oauth2.malformed", endpoint.getHost(), fields),
                t("oauth2.error.hint"));
    }

    /** application/x-www-form-urlencoded (RFC 6749 Appendix B). */
    static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Optional<String> string(JsonObject json, String key) {
        JsonElement value = json.get(key);
        if (value == null || !value.isJsonPrimitive()) {
            return Optional.empty();
        }
        return Optional.of(value.getAsString());
    }

    /** A number of seconds, given as a JSON number or (as some servers do) a string. */
    private static Optional<Duration> seconds(JsonObject json, String key) {
        try {
            return string(json, key).map(String::strip).map(Long::parseLong).filter(n -> n >= 0).map(Duration::ofSeconds);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** An address the server gave for the person to open: https (or http on this machine), nothing else. */
    private static URI address(URI endpoint, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean local = "http".equals(scheme)
                    && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
            if (scheme.equals("https") || local) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new BulletinException(ExitCode.UNAVAILABLE, t("oauth2.malformed", endpoint.getHost(), "verification_uri"),
                t("oauth2.error.hint"));
    }
}
