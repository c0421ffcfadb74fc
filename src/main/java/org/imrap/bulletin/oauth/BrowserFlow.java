package org.imrap.bulletin.oauth;

import static org.imrap.bulletin.Text.t;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.io.LoopbackHttp;

/**
 * The authorization code grant (RFC 6749 §4.1) for a native application: PKCE with S256 (RFC 7636 §4.1–4.2)
 * and a loopback redirect to 127.0.0.1 on a port the system picks (RFC 8252 §7.3), with {@code state}
 * checked against cross-site request forgery (RFC 6749 §10.12). The person opens the address in a browser,
 * signs in, and the browser brings the code back to bulletin's one-page server, which then stops.
 */
final class BrowserFlow {
    private final TokenEndpoint endpoint;
    private final Optional<String> loginHint;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();

    BrowserFlow(TokenEndpoint endpoint, Optional<String> loginHint, Duration timeout) {
        this.endpoint = endpoint;
        this.loginHint = loginHint;
        this.timeout = timeout;
    }

    Tokens run(LoginOperator person) {
        String verifier = randomText(32);
        String state = randomText(16);
        CompletableFuture<String> code = new CompletableFuture<>();
        HttpServer server = listen(state, code);
        try {
            URI redirect = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            URI address = authorizationAddress(redirect, state, challenge(verifier));
            person.say(t("login.browser.open", address));
            person.open(address);
            person.say(t("login.browser.waiting", Math.max(1, timeout.toMinutes())));
            return endpoint.exchangeCode(await(code), verifier, redirect);
        } finally {
            server.stop(0);
        }
    }

    private HttpServer listen(String state, CompletableFuture<String> code) {
        HttpServer server;
        try {
            server = LoopbackHttp.listen(InetAddress.getByName("127.0.0.1"), 0, null,
                    exchange -> answer(exchange, state, code));
        } catch (IOException e) {
            throw new BulletinException(ExitCode.UNAVAILABLE, t("login.browser.noPort", e.getMessage()),
                    t("login.browser.noPort.hint"));
        }
        server.start();
        return server;
    }

    /** The redirect (RFC 6749 §4.1.2): a code and our state, or an error and our state; anything else is refused. */
    private void answer(HttpExchange exchange, String state, CompletableFuture<String> code) throws IOException {
        try (exchange) {
            Map<String, String> query = LoopbackHttp.query(exchange.getRequestURI().getRawQuery());
            if (!"GET".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().equals("/")
                    || !MessageDigest.isEqual(state.getBytes(StandardCharsets.US_ASCII),
                            query.getOrDefault("state", "").getBytes(StandardCharsets.US_ASCII))) {
                // Another page's request, or an answer to a sign-in bulletin did not start: ignored, still waiting.
                page(exchange, 400, t("login.browser.page.wrong"));
                return;
            }
            if (query.containsKey("error")) {
                page(exchange, 200, t("login.browser.page.refused"));
                code.completeExceptionally(new OAuth2Error(endpoint.settings().endpoints().authorization()
                        .map(URI::getHost).orElse(""), query.get("error"), query.getOrDefault("error_description", "")));
                return;
            }
            String given = query.get("code");
            if (given == null || given.isEmpty()) {
                page(exchange, 400, t("login.browser.page.wrong"));
                return;
            }
            page(exchange, 200, t("login.browser.page.done"));
            code.complete(given);
        }
    }

    private static void page(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = ("<!doctype html><meta charset=\"utf-8\"><title>bulletin</title><p>" + text + "</p>\n")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        LoopbackHttp.send(exchange, status, "text/html; charset=utf-8", body);
    }

    private String await(CompletableFuture<String> code) {
        try {
            return code.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BulletinException(ExitCode.TEMPORARY_FAILURE, t("login.browser.timeout", timeout.toMinutes()),
                    t("login.browser.timeout.hint"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BulletinException(ExitCode.TEMPORARY_FAILURE, t("oauth2.interrupted"), null, e);
        } catch (ExecutionException e) {
            OAuth2Error error = (OAuth2Error) e.getCause();
            if (error.error().equals("access_denied")) {
                throw new BulletinException(ExitCode.NO_PERMISSION, t("login.denied", endpoint.settings().describe()),
                        t("login.denied.hint"));
            }
            throw error.toBulletin();
        }
    }

    private URI authorizationAddress(URI redirect, String state, String challenge) {
        URI base = endpoint.settings().endpoints().authorization().orElseThrow();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", endpoint.settings().clientId());
        query.put("redirect_uri", redirect.toString());
        query.put("scope", endpoint.settings().endpoints().scope());
        query.put("state", state);
        query.put("code_challenge", challenge);
        query.put("code_challenge_method", "S256");
        loginHint.ifPresent(hint -> query.put("login_hint", hint));
        query.putAll(endpoint.settings().endpoints().extraAuthorization());
        String separator = base.getRawQuery() == null ? "?" : "&";
        return URI.create(base + separator + TokenEndpoint.formEncode(query));
    }

    /** {@code BASE64URL(SHA256(ASCII(code_verifier)))} (RFC 7636 §4.2). */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Unreserved characters only (RFC 7636 §4.1): Base64url of random bytes, 43 characters for 32 bytes. */
    private String randomText(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
