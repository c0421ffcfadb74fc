package org.imrap.bulletin.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token file (0600, replaced whole, refused when open to others) and the access token kept fresh from it. */
class TokensKeptTest {
    @TempDir
    Path dir;
    TestAuthorizationServer server;
    OAuth2Settings settings;
    TokenStore store;

    @BeforeEach
    void start() throws Exception {
        server = new TestAuthorizationServer().approveEveryDevice();
        settings = LoginFlowsTest.settings(server, dir);
        store = new TokenStore(settings.tokenFile());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TokenEndpoint endpoint() {
        return new TokenEndpoint(settings, Optional.empty(), Clock.systemUTC());
    }

    /** Signs in (the server approves at once) and keeps the tokens, as bulletin login does. */
    private Tokens signIn() {
        Tokens tokens = new DeviceFlow(endpoint(), Clock.systemUTC()).run(new LoginOperator() {
            @Override
            public void say(String line) {
            }

            @Override
            public void open(java.net.URI address) {
            }

            @Override
            public void sleep(Duration duration) {
            }
        });
        store.save(tokens);
        return tokens;
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void theTokenFileIsOwnerOnlyFromItsFirstByteAndStaysSoWhenReplaced() throws Exception {
        Tokens first = signIn();
        assertThat(mode(store.file())).isEqualTo("rw-------");

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        store.save(first.refreshedWith(new Tokens("other", Instant.now(), Optional.empty(), "", first.tokenUrl())));

        assertThat(mode(store.file())).as("0600 survives the rename").isEqualTo("rw-------");
        assertThat(store.load().orElseThrow().accessToken()).isEqualTo("other");
        assertThat(store.load().orElseThrow().refreshToken()).isEqualTo(first.refreshToken());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("bulletin.oauth2");
        }
    }

    @Test
    void aTokenFileOthersCanReadIsRefusedLikeAPasswordFile() throws Exception {
        signIn();
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(store::load).isInstanceOfSatisfying(BulletinException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
            assertThat(e.getMessage()).contains("can be read or written by other users");
            assertThat(e.hint()).contains("run: chmod 600 " + store.file());
        });
    }

    @Test
    void aFreshAccessTokenIsUsedAsItIsAndOneAboutToExpireIsRefreshedAndTheRotatedRefreshTokenSaved() {
        Tokens signedIn = signIn();
        AccessTokens tokens = new AccessTokens(endpoint(), store, Clock.systemUTC());
        assertThat(new String(tokens.secret())).isEqualTo(signedIn.accessToken());
        assertThat(server.refreshes()).isZero();

        // Four minutes later the token has less than the five-minute margin left.
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(56));
        AccessTokens laterRun = new AccessTokens(new TokenEndpoint(settings, Optional.empty(), later), store, later);
        String renewed = new String(laterRun.secret());

        assertThat(renewed).isNotEqualTo(signedIn.accessToken()).isEqualTo(server.lastAccessToken());
        assertThat(server.refreshes()).isEqualTo(1);
        Tokens saved = store.load().orElseThrow();
        assertThat(saved.accessToken()).isEqualTo(renewed);
        assertThat(saved.refreshToken()).isNotEqualTo(signedIn.refreshToken());
        assertThat(server.accepts(saved.refreshToken().orElseThrow())).isTrue();
        assertThat(server.accepts(signedIn.refreshToken().orElseThrow())).isFalse();
    }

    @Test
    void aTokenTheMailServerRefusedIsRenewedOnceForEveryConnectionThatSawIt() {
        Tokens signedIn = signIn();
        AccessTokens tokens = new AccessTokens(endpoint(), store, Clock.systemUTC());
        char[] refused = tokens.secret();

        String first = new String(tokens.renew(refused).orElseThrow());
        String second = new String(tokens.renew(refused).orElseThrow());

        assertThat(first).isNotEqualTo(signedIn.accessToken()).isEqualTo(second);
        assertThat(server.refreshes()).isEqualTo(1);
        // Another process that read the file before: it finds the renewed token there and refreshes nothing.
        AccessTokens other = new AccessTokens(endpoint(), store, Clock.systemUTC());
        assertThat(new String(other.renew(signedIn.accessToken().toCharArray()).orElseThrow())).isEqualTo(first);
        assertThat(server.refreshes()).isEqualTo(1);
    }

    @Test
    void aRevokedSignInIsExit77WithTheCommandToRun() {
        signIn();
        server.revokeEverything();
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));

        assertThatThrownBy(() -> new AccessTokens(new TokenEndpoint(settings, Optional.empty(), later), store, later).secret())
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.NO_PERMISSION);
                    assertThat(e.getMessage()).startsWith("custom (127.0.0.1) refused to renew the sign-in (invalid_grant")
                            .endsWith("nothing was sent");
                    assertThat(e.hint()).hasValueSatisfying(hint -> assertThat(hint).endsWith(": bulletin login"));
                });
    }

    @Test
    void withoutATokenFileNothingIsTriedAndTheLineSaysToSignIn() {
        assertThatThrownBy(() -> new AccessTokens(endpoint(), store, Clock.systemUTC()).secret())
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.NO_PERMISSION);
                    assertThat(e.getMessage()).isEqualTo("not signed in: there is no token file " + store.file());
                });
    }
}
