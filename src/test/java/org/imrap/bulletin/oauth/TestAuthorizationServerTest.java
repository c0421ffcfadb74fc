package org.imrap.bulletin.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The test authorization server refuses what RFC 6749, RFC 7636 and RFC 8628 say a server must refuse. */
class TestAuthorizationServerTest {
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private final HttpClient http = HttpClient.newHttpClient();
    private TestAuthorizationServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(URI uri, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static String error(HttpResponse<String> response) {
        return json(response).get("error").getAsString();
    }

    private JsonObject deviceTokens() throws Exception {
        JsonObject device = json(post(server.deviceUrl(), "client_id=" + TestAuthorizationServer.CLIENT_ID));
        server.answer(device.get("user_code").getAsString(), true);
        return json(post(server.tokenUrl(), "grant_type=" + TestAuthorizationServer.DEVICE_GRANT
                + "&client_id=" + TestAuthorizationServer.CLIENT_ID + "&device_code=" + device.get("device_code").getAsString()));
    }

    @Test
    void theS256ChallengeIsTheOneOfRfc7636AppendixB() throws Exception {
        server = new TestAuthorizationServer();
        assertThat(TestAuthorizationServer.s256(VERIFIER)).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(BrowserFlow.challenge(VERIFIER)).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void aDeviceCodeIsPendingUntilThePersonAnswersThenGivesTokensOnce() throws Exception {
        server = new TestAuthorizationServer();
        JsonObject device = json(post(server.deviceUrl(), "client_id=" + TestAuthorizationServer.CLIENT_ID
                + "&scope=mail.send+offline_access"));
        String poll = "grant_type=" + TestAuthorizationServer.DEVICE_GRANT + "&client_id="
                + TestAuthorizationServer.CLIENT_ID + "&device_code=" + device.get("device_code").getAsString();

        HttpResponse<String> pending = post(server.tokenUrl(), poll);
        assertThat(pending.statusCode()).isEqualTo(400);
        assertThat(error(pending)).isEqualTo("authorization_pending");
        assertThat(pending.headers().firstValue("Cache-Control")).contains("no-store");

        server.answer(device.get("user_code").getAsString(), true);
        JsonObject tokens = json(post(server.tokenUrl(), poll));
        assertThat(tokens.get("token_type").getAsString()).isEqualTo("Bearer");
        assertThat(tokens.get("scope").getAsString()).isEqualTo("mail.send offline_access");
        assertThat(error(post(server.tokenUrl(), poll))).isEqualTo("invalid_grant");
    }

    @Test
    void aDevicePollAnswersSlowDownDeniedAndExpired() throws Exception {
        server = new TestAuthorizationServer().interval(30);
        JsonObject device = json(post(server.deviceUrl(), "client_id=" + TestAuthorizationServer.CLIENT_ID));
        String poll = "grant_type=" + TestAuthorizationServer.DEVICE_GRANT + "&client_id="
                + TestAuthorizationServer.CLIENT_ID + "&device_code=" + device.get("device_code").getAsString();
        assertThat(error(post(server.tokenUrl(), poll))).isEqualTo("authorization_pending");
        assertThat(error(post(server.tokenUrl(), poll))).as("polled again within 30 s").isEqualTo("slow_down");
        server.close();

        server = new TestAuthorizationServer();
        device = json(post(server.deviceUrl(), "client_id=" + TestAuthorizationServer.CLIENT_ID));
        poll = "grant_type=" + TestAuthorizationServer.DEVICE_GRANT + "&client_id=" + TestAuthorizationServer.CLIENT_ID
                + "&device_code=" + device.get("device_code").getAsString();
        server.answer(device.get("user_code").getAsString(), false);
        assertThat(error(post(server.tokenUrl(), poll))).isEqualTo("access_denied");
        server.close();

        server = new TestAuthorizationServer().deviceCodesLast(0);
        device = json(post(server.deviceUrl(), "client_id=" + TestAuthorizationServer.CLIENT_ID));
        Thread.sleep(5);
        poll = "grant_type=" + TestAuthorizationServer.DEVICE_GRANT + "&client_id=" + TestAuthorizationServer.CLIENT_ID
                + "&device_code=" + device.get("device_code").getAsString();
        assertThat(error(post(server.tokenUrl(), poll))).isEqualTo("expired_token");
    }

    @Test
    void aRefreshRotatesTheRefreshTokenAndTheOldOneIsRefused() throws Exception {
        server = new TestAuthorizationServer();
        String first = deviceTokens().get("refresh_token").getAsString();
        String refresh = "grant_type=refresh_token&client_id=" + TestAuthorizationServer.CLIENT_ID + "&refresh_token=";

        JsonObject renewed = json(post(server.tokenUrl(), refresh + first));
        String second = renewed.get("refresh_token").getAsString();
        assertThat(second).isNotEqualTo(first);
        assertThat(server.accepts(first)).isFalse();
        assertThat(error(post(server.tokenUrl(), refresh + first))).isEqualTo("invalid_grant");
        assertThat(json(post(server.tokenUrl(), refresh + second)).has("access_token")).isTrue();

        server.revokeEverything();
        assertThat(error(post(server.tokenUrl(), refresh + renewed.get("refresh_token").getAsString())))
                .isEqualTo("invalid_grant");
    }

    @Test
    void theTokenEndpointRefusesWhatRfc6749Forbids() throws Exception {
        server = new TestAuthorizationServer().clientSecret("s3cret");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.tokenUrl()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(server.tokenUrl())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(error(json)).isEqualTo("invalid_request");
        assertThat(error(post(server.tokenUrl(), "grant_type=refresh_token&grant_type=refresh_token")))
                .isEqualTo("invalid_request");
        HttpResponse<String> noSecret = post(server.tokenUrl(), "grant_type=refresh_token&refresh_token=x&client_id="
                + TestAuthorizationServer.CLIENT_ID);
        assertThat(noSecret.statusCode()).isEqualTo(401);
        assertThat(error(noSecret)).isEqualTo("invalid_client");
        assertThat(error(post(server.tokenUrl(), "grant_type=password&client_id=" + TestAuthorizationServer.CLIENT_ID
                + "&client_secret=s3cret"))).isEqualTo("unsupported_grant_type");
    }

    @Test
    void anAuthorizationCodeNeedsTheVerifierOfItsChallengeAndServesOnce() throws Exception {
        server = new TestAuthorizationServer();
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String redirect = "http://127.0.0.1:9/";
        String authorize = server.authorizationUrl() + "?response_type=code&client_id="
                + TestAuthorizationServer.CLIENT_ID + "&redirect_uri=" + redirect + "&state=xyz&code_challenge="
                + TestAuthorizationServer.s256(VERIFIER) + "&code_challenge_method=S256";
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirect + "?code=").endsWith("&state=xyz");
        String code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
        String exchange = "grant_type=authorization_code&client_id=" + TestAuthorizationServer.CLIENT_ID
                + "&redirect_uri=" + redirect + "&code=" + code + "&code_verifier=";

        assertThat(error(post(server.tokenUrl(), exchange + "A".repeat(43)))).isEqualTo("invalid_grant");
        assertThat(error(post(server.tokenUrl(), exchange + VERIFIER))).as("a code serves once, even after a failure")
                .isEqualTo("invalid_grant");

        HttpResponse<String> plain = browser.send(HttpRequest.newBuilder(URI.create(authorize
                .replace("S256", "plain"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.headers().firstValue("Location").orElseThrow()).contains("error=invalid_request");
        HttpResponse<String> elsewhere = browser.send(HttpRequest.newBuilder(URI.create(authorize
                .replace("127.0.0.1:9", "evil.example"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).as("never redirects to a foreign address").isEqualTo(400);

        answer = browser.send(HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        location = answer.headers().firstValue("Location").orElseThrow();
        code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
        JsonObject tokens = json(post(server.tokenUrl(), "grant_type=authorization_code&client_id="
                + TestAuthorizationServer.CLIENT_ID + "&redirect_uri=" + redirect + "&code=" + code
                + "&code_verifier=" + VERIFIER));
        assertThat(tokens.has("access_token")).isTrue();
        assertThat(tokens.has("refresh_token")).isTrue();
    }
}
