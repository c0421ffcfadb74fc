package org.imrap.bulletin.oauth;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A strict OAuth 2.0 authorization server on 127.0.0.1, for tests: the token endpoint (RFC 6749 §3.2) with
 * the refresh token grant and rotation (§6, §10.4), the device authorization grant (RFC 8628 §3.1–3.5:
 * pending, slow_down, access_denied, expired_token) and the authorization code grant with PKCE S256 (RFC 6749
 * §4.1, RFC 7636 §4.6), each refusing what the RFCs say to refuse. The person's part — typing the user code,
 * consenting in the browser — is played through its {@code /verify} and {@code /authorize} pages, or by
 * {@link #approveEveryDevice()}. Every token it issues is kept, so tests can look for them in any output.
 */
public final class TestAuthorizationServer implements AutoCloseable {
    public static final String CLIENT_ID = "bulletin-test-client";
    public static final String SCOPE = "mail.send mail.read offline_access";
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private enum Decision { PENDING, APPROVED, DENIED }

    private static final class DeviceGrant {
        final String deviceCode;
        final String userCode;
        final String scope;
        final Instant expiresAt;
        volatile Decision decision = Decision.PENDING;
        volatile Instant lastPoll;
        volatile boolean used;

        DeviceGrant(String deviceCode, String userCode, String scope, Instant expiresAt) {
            this.deviceCode = deviceCode;
            this.userCode = userCode;
            this.scope = scope;
            this.expiresAt = expiresAt;
        }
    }

    private record CodeGrant(String redirectUri, String challenge, String scope, Instant expiresAt) {
    }

    private record RefreshGrant(String scope, boolean revoked) {
    }

    private final HttpServer server;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, DeviceGrant> deviceCodes = new ConcurrentHashMap<>();
    private final Map<String, CodeGrant> codes = new ConcurrentHashMap<>();
    private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final List<String> issuedAccessTokens = new CopyOnWriteArrayList<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger slowDowns = new AtomicInteger();
    private volatile long accessLifetime = 3600;
    private volatile boolean rotate = true;
    private volatile int interval;
    private volatile long deviceLifetime = 600;
    private volatile boolean approveEveryDevice;
    private volatile boolean denyInBrowser;
    private volatile boolean offerRefreshTokens = true;
    private volatile String clientSecret;
    private volatile Consumer<String> onAccessToken = token -> { };

    public TestAuthorizationServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/device", this::device);
        server.createContext("/verify", this::verify);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    // --- what a test sets ---

    /** Access tokens live this many seconds ({@code expires_in}). */
    public TestAuthorizationServer accessTokensLast(long seconds) {
        accessLifetime = seconds;
        return this;
    }

    /** Refreshing gives the same refresh token again instead of a new one (as Google does). */
    public TestAuthorizationServer withoutRotation() {
        rotate = false;
        return this;
    }

    /** The polling interval the device authorization response asks for (RFC 8628 §3.2), in seconds. */
    public TestAuthorizationServer interval(int seconds) {
        interval = seconds;
        return this;
    }

    /** Device codes expire after this many seconds. */
    public TestAuthorizationServer deviceCodesLast(long seconds) {
        deviceLifetime = seconds;
        return this;
    }

    /** The next {@code n} polls are answered slow_down whatever their pace. */
    public TestAuthorizationServer slowDown(int n) {
        slowDowns.set(n);
        return this;
    }

    /** The person has already typed the code and consented when bulletin first polls. */
    public TestAuthorizationServer approveEveryDevice() {
        approveEveryDevice = true;
        return this;
    }

    /** The person refuses consent in the browser. */
    public TestAuthorizationServer denyInBrowser() {
        denyInBrowser = true;
        return this;
    }

    /** No refresh token is issued (a Microsoft sign-in without offline_access). */
    public TestAuthorizationServer withoutRefreshTokens() {
        offerRefreshTokens = false;
        return this;
    }

    /** A confidential client: the token endpoint wants this secret (HTTP Basic or in the body, RFC 6749 §2.3.1). */
    public TestAuthorizationServer clientSecret(String secret) {
        clientSecret = secret;
        return this;
    }

    /** Called with each access token issued (a test makes its mail server accept that one). */
    public TestAuthorizationServer onAccessToken(Consumer<String> listener) {
        onAccessToken = listener;
        return this;
    }

    /** Every refresh token is revoked, as a password change or an administrator does: refreshing answers invalid_grant. */
    public void revokeEverything() {
        refreshTokens.replaceAll((token, grant) -> new RefreshGrant(grant.scope(), true));
    }

    // --- what a test reads ---

    public URI deviceUrl() {
        return address("/device");
    }

    public URI authorizationUrl() {
        return address("/authorize");
    }

    public URI tokenUrl() {
        return address("/token");
    }

    public URI verificationUrl() {
        return address("/verify");
    }

    /** The lines of bulletin.properties that point {@code oauth2.*} at this server. */
    public List<String> settings() {
        return List.of("oauth2.provider=custom", "oauth2.clientId=" + CLIENT_ID,
                "oauth2.deviceAuthorizationUrl=" + deviceUrl(), "oauth2.authorizationUrl=" + authorizationUrl(),
                "oauth2.tokenUrl=" + tokenUrl(), "oauth2.scope=" + SCOPE);
    }

    /** Every token and code this server issued, access and refresh tokens, device and authorization codes. */
    public List<String> secretsIssued() {
        return List.copyOf(issued);
    }

    public List<String> accessTokensIssued() {
        return List.copyOf(issuedAccessTokens);
    }

    public String lastAccessToken() {
        return issuedAccessTokens.get(issuedAccessTokens.size() - 1);
    }

    /** Refresh token grants answered with tokens. */
    public int refreshes() {
        return refreshes.get();
    }

    /** Whether this refresh token would still be accepted. */
    public boolean accepts(String refreshToken) {
        RefreshGrant grant = refreshTokens.get(refreshToken);
        return grant != null && !grant.revoked();
    }

    private URI address(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    // --- RFC 8628 §3.1–3.2: device authorization ---

    private void device(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(exchange);
            if (form == null) {
                return;
            }
            if (!CLIENT_ID.equals(form.get("client_id"))) {
                error(exchange, 401, "invalid_client", "unknown client");
                return;
            }
            String scope = form.getOrDefault("scope", SCOPE);
            if (!SCOPE_SET.containsAll(Set.of(scope.split(" ")))) {
                error(exchange, 400, "invalid_scope", "unknown scope");
                return;
            }
            String deviceCode = secret("dc");
            String userCode = userCode();
            DeviceGrant grant = new DeviceGrant(deviceCode, userCode, scope, Instant.now().plusSeconds(deviceLifetime));
            if (approveEveryDevice) {
                grant.decision = Decision.APPROVED;
            }
            deviceCodes.put(deviceCode, grant);
            JsonObject json = new JsonObject();
            json.addProperty("device_code", deviceCode);
            json.addProperty("user_code", userCode);
            json.addProperty("verification_uri", verificationUrl().toString());
            json.addProperty("verification_uri_complete", verificationUrl() + "?user_code=" + userCode);
            json.addProperty("expires_in", deviceLifetime);
            json.addProperty("interval", interval);
            json(exchange, 200, json);
        }
    }

    /** The person's page: POST user_code and decision=approve|deny. */
    private void verify(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(exchange);
            if (form == null) {
                return;
            }
            DeviceGrant grant = deviceCodes.values().stream()
                    .filter(g -> g.userCode.equals(form.get("user_code"))).findFirst().orElse(null);
            if (grant == null || Instant.now().isAfter(grant.expiresAt)) {
                text(exchange, 404, "no such code");
                return;
            }
            grant.decision = "approve".equals(form.get("decision")) ? Decision.APPROVED : Decision.DENIED;
            text(exchange, 200, "thank you");
        }
    }

    // --- RFC 6749 §4.1.1–4.1.2, RFC 7636 §4.3–4.4: the authorization request ---

    private void authorize(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                text(exchange, 405, "GET only");
                return;
            }
            Map<String, String> query = parameters(exchange.getRequestURI().getRawQuery());
            if (query == null) {
                text(exchange, 400, "a parameter is repeated");
                return;
            }
            String redirect = query.get("redirect_uri");
            // §4.1.2.1: with a wrong client or redirection URI, the server MUST NOT redirect.
            if (!CLIENT_ID.equals(query.get("client_id")) || redirect == null || !loopback(redirect)) {
                text(exchange, 400, "invalid client or redirect_uri");
                return;
            }
            String state = query.get("state");
            if (!"code".equals(query.get("response_type"))) {
                redirect(exchange, redirect, "error", "unsupported_response_type", state);
                return;
            }
            String challenge = query.get("code_challenge");
            // PKCE is required here, and S256 only (RFC 7636 §4.4.1: a server may refuse "plain").
            if (challenge == null || !challenge.matches("[A-Za-z0-9._~-]{43,128}")
                    || !"S256".equals(query.get("code_challenge_method"))) {
                redirect(exchange, redirect, "error", "invalid_request", state);
                return;
            }
            String scope = query.getOrDefault("scope", SCOPE);
            if (!SCOPE_SET.containsAll(Set.of(scope.split(" ")))) {
                redirect(exchange, redirect, "error", "invalid_scope", state);
                return;
            }
            if (denyInBrowser) {
                redirect(exchange, redirect, "error", "access_denied", state);
                return;
            }
            String code = secret("ac");
            codes.put(code, new CodeGrant(redirect, challenge, scope, Instant.now().plusSeconds(60)));
            redirect(exchange, redirect, "code", code, state);
        }
    }

    private static boolean loopback(String redirect) {
        try {
            URI uri = new URI(redirect);
            return "http".equals(uri.getScheme()) && "127.0.0.1".equals(uri.getHost()) && uri.getPort() > 0
                    && uri.getFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static void redirect(HttpExchange exchange, String redirect, String key, String value, String state)
            throws IOException {
        String location = redirect + (redirect.contains("?") ? "&" : "?") + key + "=" + encode(value)
                + (state == null ? "" : "&state=" + encode(state));
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    // --- RFC 6749 §3.2, §4.1.3, §6; RFC 8628 §3.4–3.5; RFC 7636 §4.5–4.6: the token endpoint ---

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(exchange);
            if (form == null) {
                return;
            }
            if (!authenticated(exchange, form)) {
                return;
            }
            String grantType = form.get("grant_type");
            if (grantType == null) {
                error(exchange, 400, "invalid_request", "grant_type is missing");
                return;
            }
            switch (grantType) {
                case "refresh_token" -> refresh(exchange, form);
                case DEVICE_GRANT -> poll(exchange, form);
                case "authorization_code" -> exchangeCode(exchange, form);
                default -> error(exchange, 400, "unsupported_grant_type", grantType);
            }
        }
    }

    /** RFC 6749 §2.3: client_id always; a confidential client's secret by one method only. */
    private boolean authenticated(HttpExchange exchange, Map<String, String> form) throws IOException {
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        if (basic != null && basic.startsWith("Basic ")) {
            if (secret != null) {
                error(exchange, 400, "invalid_request", "more than one client authentication method");
                return false;
            }
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length == 2 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
        }
        boolean ok = CLIENT_ID.equals(id) && (clientSecret == null ? secret == null : clientSecret.equals(secret));
        if (!ok) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"test\"");
            error(exchange, 401, "invalid_client", "client authentication failed");
        }
        return ok;
    }

    private void refresh(HttpExchange exchange, Map<String, String> form) throws IOException {
        String token = form.get("refresh_token");
        if (token == null) {
            error(exchange, 400, "invalid_request", "refresh_token is missing");
            return;
        }
        RefreshGrant grant = refreshTokens.get(token);
        if (grant == null || grant.revoked()) {
            error(exchange, 400, "invalid_grant", "the refresh token is invalid, expired or revoked");
            return;
        }
        String scope = form.getOrDefault("scope", grant.scope());
        if (!Set.of(grant.scope().split(" ")).containsAll(Set.of(scope.split(" ")))) {
            error(exchange, 400, "invalid_scope", "more than originally granted");
            return;
        }
        refreshes.incrementAndGet();
        String next = token;
        if (rotate) {
            // §10.4: the old refresh token is revoked once a new one is issued.
            refreshTokens.put(token, new RefreshGrant(grant.scope(), true));
            next = null;
        }
        issueTokens(exchange, scope, next);
    }

    private void poll(HttpExchange exchange, Map<String, String> form) throws IOException {
        DeviceGrant grant = deviceCodes.get(form.getOrDefault("device_code", ""));
        if (grant == null || grant.used) {
            error(exchange, 400, "invalid_grant", "unknown or used device code");
            return;
        }
        Instant now = Instant.now();
        if (now.isAfter(grant.expiresAt)) {
            error(exchange, 400, "expired_token", "the device code has expired");
            return;
        }
        Instant last = grant.lastPoll;
        grant.lastPoll = now;
        if (slowDowns.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                || last != null && Duration.between(last, now).toMillis() < interval * 1000L) {
            error(exchange, 400, "slow_down", "polling too fast");
            return;
        }
        switch (grant.decision) {
            case PENDING -> error(exchange, 400, "authorization_pending", "the user has not answered yet");
            case DENIED -> {
                grant.used = true;
                error(exchange, 400, "access_denied", "the user refused");
            }
            case APPROVED -> {
                grant.used = true;
                issueTokens(exchange, grant.scope, null);
            }
        }
    }

    private void exchangeCode(HttpExchange exchange, Map<String, String> form) throws IOException {
        String code = form.getOrDefault("code", "");
        if (!usedCodes.add(code)) {
            error(exchange, 400, "invalid_grant", "the authorization code was already used");
            return;
        }
        CodeGrant grant = codes.remove(code);
        if (grant == null || Instant.now().isAfter(grant.expiresAt())) {
            error(exchange, 400, "invalid_grant", "unknown or expired authorization code");
            return;
        }
        // §4.1.3: the same redirect_uri as in the authorization request.
        if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            error(exchange, 400, "invalid_grant", "redirect_uri differs");
            return;
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
            error(exchange, 400, "invalid_request", "code_verifier is missing or malformed");
            return;
        }
        if (!MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                grant.challenge().getBytes(StandardCharsets.US_ASCII))) {
            error(exchange, 400, "invalid_grant", "code_verifier does not match the code_challenge");
            return;
        }
        issueTokens(exchange, grant.scope(), null);
    }

    /** §5.1: a bearer access token, its lifetime, a refresh token (the same one if given, else a new one). */
    private void issueTokens(HttpExchange exchange, String scope, String keepRefreshToken) throws IOException {
        String access = secret("at");
        issued.add(access);
        issuedAccessTokens.add(access);
        onAccessToken.accept(access);
        JsonObject json = new JsonObject();
        json.addProperty("access_token", access);
        json.addProperty("token_type", "Bearer");
        json.addProperty("expires_in", accessLifetime);
        json.addProperty("scope", scope);
        if (offerRefreshTokens) {
            String refresh = keepRefreshToken;
            if (refresh == null) {
                refresh = secret("rt");
                issued.add(refresh);
                refreshTokens.put(refresh, new RefreshGrant(scope, false));
                json.addProperty("refresh_token", refresh);
            }
        }
        json(exchange, 200, json);
    }

    public static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- HTTP ---

    private static final Set<String> SCOPE_SET = Set.of(SCOPE.split(" "));

    /** A form-encoded POST body (RFC 6749 §3.2: POST; Appendix B), or null after answering an error. */
    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            error(exchange, 405, "invalid_request", "POST only");
            return null;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            error(exchange, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
            return null;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = parameters(body);
        if (form == null) {
            // §3.2: "Request and response parameters MUST NOT be included more than once."
            error(exchange, 400, "invalid_request", "a parameter is repeated");
        }
        return form;
    }

    /** Parameters, or null when one is repeated. */
    private static Map<String, String> parameters(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (values.put(key, value) != null) {
                return null;
            }
        }
        return values;
    }

    private static void error(HttpExchange exchange, int status, String error, String description) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("error", error);
        json.addProperty("error_description", description);
        json(exchange, status, json);
    }

    /** §5.1: JSON, never cached. */
    private static void json(HttpExchange exchange, int status, JsonObject json) throws IOException {
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Pragma", "no-cache");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void text(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain;charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String secret(String kind) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String value = kind + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        if (!kind.equals("at") && !kind.equals("rt")) {
            issued.add(value);
        }
        return value;
    }

    /** RFC 8628 §6.1: eight consonants, no vowels, shown as two groups of four. */
    private String userCode() {
        String letters = "BCDFGHJKLMNPQRSTVWXZ";
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(letters.charAt(random.nextInt(letters.length())));
        }
        return code.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Plays the person at the verification page: types the user code and answers. */
    public void answer(String userCode, boolean approve) {
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            var response = http.send(java.net.http.HttpRequest.newBuilder(verificationUrl())
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("user_code=" + encode(userCode)
                                    + "&decision=" + (approve ? "approve" : "deny"))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the verification page answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The user codes handed out, oldest first. */
    public List<String> userCodes() {
        List<String> all = new ArrayList<>();
        deviceCodes.values().forEach(grant -> all.add(grant.userCode));
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
