package org.imrap.bulletin.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulletin login}'s two flows against the strict test server, the test playing the person: typing
 * the code shown (device), following the browser's redirect (browser). No test waits for real time: the
 * person's waits go through the operator, which records them.
 */
class LoginFlowsTest {
    @TempDir
    Path dir;
    TestAuthorizationServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestAuthorizationServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static OAuth2Settings settings(TestAuthorizationServer server, Path dir) {
        return new OAuth2Settings(Provider.CUSTOM, new Endpoints(Optional.of(server.deviceUrl()),
                Optional.of(server.authorizationUrl()), server.tokenUrl(), TestAuthorizationServer.SCOPE, Map.of()),
                TestAuthorizationServer.CLIENT_ID, Optional.empty(), dir.resolve(OAuth2Settings.TOKEN_FILE));
    }

    private TokenEndpoint endpoint() {
        return new TokenEndpoint(settings(server, dir), Optional.empty(), Clock.systemUTC());
    }

    /** The person: reads what bulletin says, and acts on the n-th wait (as someone takes a while to type). */
    private class Person implements LoginOperator {
        final List<String> lines = new ArrayList<>();
        final List<Duration> waits = new ArrayList<>();
        final int answerOnWait;
        final Consumer<String> answer;

        Person(int answerOnWait, Consumer<String> answer) {
            this.answerOnWait = answerOnWait;
            this.answer = answer;
        }

        @Override
        public void say(String line) {
            lines.add(line);
        }

        @Override
        public void open(URI address) {
        }

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
            if (waits.size() == answerOnWait) {
                String codeLine = lines.stream().filter(l -> l.startsWith("and enter the code: ")).findFirst().orElseThrow();
                answer.accept(codeLine.substring("and enter the code: ".length()));
            }
        }
    }

    @Test
    void theDeviceFlowShowsTheAddressAndTheCodeAndPollsUntilThePersonSignsIn() {
        Person person = new Person(3, code -> server.answer(code, true));

        Tokens tokens = new DeviceFlow(endpoint(), Clock.systemUTC()).run(person);

        assertThat(person.lines).contains("On any device (a phone will do), open: " + server.verificationUrl(),
                "and enter the code: " + server.userCodes().get(0),
                "(or open this address, which carries the code: " + server.verificationUrl() + "?user_code="
                        + server.userCodes().get(0) + ")");
        assertThat(person.waits).hasSize(3).allMatch(Duration.ZERO::equals);
        assertThat(tokens.accessToken()).isEqualTo(server.lastAccessToken());
        assertThat(tokens.refreshToken()).isPresent();
        assertThat(String.join("\n", person.lines) + tokens).doesNotContain(server.secretsIssued());
    }

    @Test
    void slowDownAddsFiveSecondsToEveryLaterWait() {
        server.slowDown(2);
        Person person = new Person(4, code -> server.answer(code, true));

        new DeviceFlow(endpoint(), Clock.systemUTC()).run(person);

        assertThat(person.waits).containsExactly(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(10));
    }

    @Test
    void aRefusalAndAnExpiredCodeEachSaySo() {
        Person refusing = new Person(1, code -> server.answer(code, false));
        assertThatThrownBy(() -> new DeviceFlow(endpoint(), Clock.systemUTC()).run(refusing))
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.NO_PERMISSION);
                    assertThat(e.getMessage()).isEqualTo("the sign-in at custom (127.0.0.1) was refused");
                });

        server.deviceCodesLast(0);
        Person late = new Person(99, code -> { }) {
            @Override
            public void sleep(Duration duration) {
                super.sleep(duration);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        // bulletin's own count of expires_in ends the wait…
        assertThatThrownBy(() -> new DeviceFlow(endpoint(), Clock.systemUTC()).run(late))
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.TEMPORARY_FAILURE);
                    assertThat(e.getMessage()).isEqualTo("the code expired before the sign-in was finished");
                    assertThat(e.hint()).contains("run bulletin login again and enter the new code within the time given");
                });
        assertThat(late.waits).hasSize(1);
        // …and so does the server's expired_token, on a clock that has not yet seen the time pass.
        Clock stopped = Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC);
        assertThatThrownBy(() -> new DeviceFlow(endpoint(), stopped).run(new Person(99, code -> { }) {
            @Override
            public void sleep(Duration duration) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        })).isInstanceOfSatisfying(BulletinException.class,
                e -> assertThat(e.getMessage()).isEqualTo("the code expired before the sign-in was finished"));
    }

    /** The person in a browser: opens the address bulletin shows, signs in, and follows the redirect back. */
    private static LoginOperator browser(List<String> lines, Consumer<URI> afterOpening) {
        return new LoginOperator() {
            @Override
            public void say(String line) {
                lines.add(line);
            }

            @Override
            public void open(URI address) {
                afterOpening.accept(address);
            }

            @Override
            public void sleep(Duration duration) {
            }
        };
    }

    private static HttpResponse<String> follow(URI address) {
        try {
            return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(address).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theBrowserFlowTakesTheCodeBackOnLoopbackWithPkceAndState() {
        List<String> lines = new ArrayList<>();
        List<HttpResponse<String>> pages = new ArrayList<>();

        Tokens tokens = new BrowserFlow(endpoint(), Optional.of("bulletin@imrap-mali.org"), Duration.ofSeconds(20))
                .run(browser(lines, address -> new Thread(() -> pages.add(follow(address))).start()));

        assertThat(lines.get(0)).startsWith("Open this address in a browser on this computer and sign in: "
                + server.authorizationUrl() + "?response_type=code&client_id=" + TestAuthorizationServer.CLIENT_ID
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A").contains("&code_challenge_method=S256",
                "&login_hint=bulletin%40imrap-mali.org");
        assertThat(tokens.accessToken()).isEqualTo(server.lastAccessToken());
        assertThat(tokens.refreshToken()).isPresent();
        assertThat(String.join("\n", lines)).doesNotContain(server.secretsIssued());
    }

    @Test
    void anAnswerWithAnotherStateIsIgnoredAndTheRightOneStillCounts() {
        List<String> lines = new ArrayList<>();
        List<Integer> forged = new ArrayList<>();

        Tokens tokens = new BrowserFlow(endpoint(), Optional.empty(), Duration.ofSeconds(20))
                .run(browser(lines, address -> new Thread(() -> {
                    String query = address.getRawQuery();
                    String redirect = java.net.URLDecoder.decode(query.replaceAll(".*redirect_uri=([^&]*).*", "$1"),
                            java.nio.charset.StandardCharsets.UTF_8);
                    // A page elsewhere tries to slip its own code in (RFC 6749 §10.12).
                    forged.add(follow(URI.create(redirect + "?code=forged&state=guess")).statusCode());
                    follow(address);
                }).start()));

        assertThat(forged).containsExactly(400);
        assertThat(tokens.accessToken()).isEqualTo(server.lastAccessToken());
    }

    @Test
    void aRefusalInTheBrowserIsExit77() {
        server.denyInBrowser();
        List<String> lines = new ArrayList<>();

        assertThatThrownBy(() -> new BrowserFlow(endpoint(), Optional.empty(), Duration.ofSeconds(20))
                .run(browser(lines, address -> new Thread(() -> follow(address)).start())))
                .isInstanceOfSatisfying(BulletinException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NO_PERMISSION));
    }

    @Test
    void noAnswerFromTheBrowserEndsTheWait() {
        assertThatThrownBy(() -> new BrowserFlow(endpoint(), Optional.empty(), Duration.ofMillis(200))
                .run(browser(new ArrayList<>(), address -> { })))
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.TEMPORARY_FAILURE);
                    assertThat(e.hint()).contains("run bulletin login again; on a machine you reach over SSH, use: bulletin login --device");
                });
    }
}
