package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.imrap.bulletin.cli.Cli;
import org.imrap.bulletin.cli.CliRun;
import org.imrap.bulletin.oauth.TestAuthorizationServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smtp.auth=oauth2} end to end: {@code bulletin login} against the strict test authorization server
 * (the test playing the person), then {@code send}, {@code send --test-to}, the run report and {@code inbox}
 * through GreenMail's SMTP and IMAP with SASL XOAUTH2. GreenMail checks the token as the account's password,
 * and the test makes that password the last access token issued: a token the server stops accepting is
 * refused with 535 / NO, exactly as Exchange Online and Gmail do. Every output, log, journal and the token
 * file's mode are checked: no token, refresh token or code ever appears anywhere but in the token file.
 */
@Timeout(120)
class OAuth2SendTest {
    private static final String ACCOUNT = "bulletin@imrap-mali.org";

    @TempDir
    Path dir;
    GreenMail greenMail;
    GreenMailUser mailbox;
    TestAuthorizationServer server;
    SendFixture fixture;
    final List<String> everything = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
        greenMail.start();
        mailbox = greenMail.setUser(ACCOUNT, ACCOUNT, "no token yet");
        server = new TestAuthorizationServer().deviceCodesLast(60)
                .onAccessToken(token -> mailbox.setPassword(token));
        fixture = new SendFixture(dir, greenMail.getSmtp().getPort(), "smtp.auth=oauth2", "smtp.username=" + ACCOUNT);
        fixture.addSettings(server.settings().toArray(String[]::new));
    }

    @AfterEach
    void stop() {
        server.close();
        greenMail.stop();
    }

    private Path tokenFile() {
        return dir.resolve("bulletin.oauth2");
    }

    /** Runs bulletin while {@code person} watches standard error, as someone at the terminal would. */
    private CliRun runWatched(Consumer<StringWriter> person, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread watcher = new Thread(() -> person.accept(err), "person");
        watcher.setDaemon(true);
        watcher.start();
        String[] all = Stream.concat(Stream.of("--workspace", dir.toString()), Stream.of(args)).toArray(String[]::new);
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), Clock.systemDefaultZone(), all);
        watcher.join(10_000);
        return keep(new CliRun(code, out.toString(), err.toString()));
    }

    private CliRun keep(CliRun run) {
        everything.add(run.all());
        return run;
    }

    /** The text after {@code prefix} on the line where it appears, once bulletin has printed it. */
    private static String awaitLine(StringWriter screen, String prefix) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : screen.toString().split("\n")) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length()).strip();
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("bulletin never printed " + prefix + "\n" + screen);
    }

    private CliRun loginByDevice() throws Exception {
        return runWatched(screen -> server.answer(awaitLine(screen, "and enter the code: "), true), "login");
    }

    /** Sign-in done before the test: the person approved as soon as asked. */
    private void signedIn() throws Exception {
        server.approveEveryDevice();
        assertThat(keep(CliRun.inWorkspace(dir, Map.of(), "login", "--device")).exitCode()).isZero();
    }

    /** Moves the stored access token's expiry to {@code when}, as time passing would. */
    private void tokenExpires(Instant when) throws Exception {
        JsonObject json = JsonParser.parseString(Files.readString(tokenFile())).getAsJsonObject();
        json.addProperty("expires_at", when.toString());
        Files.writeString(tokenFile(), json.toString());
    }

    private String storedRefreshToken() throws Exception {
        return JsonParser.parseString(Files.readString(tokenFile())).getAsJsonObject().get("refresh_token").getAsString();
    }

    private void assertNoSecretAnywhere() throws Exception {
        List<String> places = new ArrayList<>(everything);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file) && !file.equals(tokenFile())) {
                    places.add(file + ":\n" + Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
        }
        for (var message : greenMail.getReceivedMessages()) {
            places.add(com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(message));
        }
        assertThat(server.secretsIssued()).isNotEmpty();
        for (String place : places) {
            assertThat(place).doesNotContain(server.secretsIssued());
        }
    }

    @Test
    void signsInByDeviceThenSendsEveryMessageWithTheAccessToken() throws Exception {
        CliRun login = loginByDevice();

        assertThat(login.exitCode()).as(login.all()).isZero();
        assertThat(login.err()).contains("On any device (a phone will do), open: " + server.verificationUrl(),
                "and enter the code: " + server.userCodes().get(0), "Signing in " + ACCOUNT + " with custom (127.0.0.1).");
        assertThat(login.out()).contains("Signed in (custom); the tokens are in " + tokenFile() + ", readable by you only.");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile()))).isEqualTo("rw-------");

        CliRun send = keep(fixture.send("--yes", "--debug-smtp", "--log", dir.resolve("journal/cron.log").toString()));

        assertThat(send.exitCode()).as(send.all()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(SendFixture.SAMPLE_AUDIENCE);
        assertThat(send.err()).contains("AUTH XOAUTH2");
        assertThat(server.refreshes()).isZero();
        assertNoSecretAnywhere();
    }

    @Test
    void signsInByBrowserTheTestFollowingTheRedirectThenSendsATest() throws Exception {
        CliRun login = runWatched(screen -> {
            String address = awaitLine(screen, "Open this address in a browser on this computer and sign in: ");
            try {
                HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                        .send(HttpRequest.newBuilder(URI.create(address)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(page.body()).contains("Signed in. You can close this tab");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "login", "--browser");

        assertThat(login.exitCode()).as(login.all()).isZero();
        CliRun test = keep(fixture.send("--test-to", "communication@imrap-mali.org"));
        assertThat(test.exitCode()).as(test.all()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertNoSecretAnywhere();
    }

    @Test
    void anExpiredAccessTokenIsRefreshedBeforeSendingAndTheRotatedRefreshTokenSavedAtOnce() throws Exception {
        signedIn();
        String before = storedRefreshToken();
        tokenExpires(Instant.now().minusSeconds(60));
        fixture.addSettings("report.to=communication@imrap-mali.org");

        CliRun send = keep(fixture.send("--yes"));

        assertThat(send.exitCode()).as(send.all()).isZero();
        assertThat(server.refreshes()).isEqualTo(1);
        String after = storedRefreshToken();
        assertThat(after).isNotEqualTo(before);
        assertThat(server.accepts(after)).isTrue();
        assertThat(server.accepts(before)).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile()))).isEqualTo("rw-------");
        // The audience and the run report, both through XOAUTH2 with the refreshed token.
        assertThat(greenMail.getReceivedMessages()).hasSize(SendFixture.SAMPLE_AUDIENCE + 1);
        assertNoSecretAnywhere();
    }

    @Test
    void aTokenTheMailServerRefusesIsRefreshedOnceAndTheSendGoesOn() throws Exception {
        signedIn();
        // The mail server no longer takes the stored (unexpired) token, as after a revocation of sessions.
        mailbox.setPassword("not the stored token");

        CliRun send = keep(fixture.send("--yes", "--debug-smtp"));

        assertThat(send.exitCode()).as(send.all()).isZero();
        assertThat(send.err()).contains("AUTH XOAUTH2 failed", "AUTH XOAUTH2 succeeded");
        assertThat(server.refreshes()).isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).hasSize(SendFixture.SAMPLE_AUDIENCE);
        assertNoSecretAnywhere();
    }

    @Test
    void aRevokedSignInEndsTheRunWith77NothingSentAndSaysToLogInAgain() throws Exception {
        signedIn();
        server.revokeEverything();
        tokenExpires(Instant.now().minusSeconds(1));

        CliRun send = keep(fixture.send("--yes"));

        assertThat(send.exitCode()).as(send.all()).isEqualTo(77);
        assertThat(send.err()).contains("refused to renew the sign-in (invalid_grant", "nothing was sent",
                "→ sign in again (once, by a person; cron runs then go on by themselves): bulletin login");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(fixture.journal()).doesNotExist();
        assertNoSecretAnywhere();
    }

    @Test
    void aDryRunNeedsNoSignInAndSendsNothing() throws Exception {
        CliRun dryRun = keep(fixture.send("--dry-run"));

        assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(tokenFile()).doesNotExist();

        CliRun notSignedIn = keep(fixture.send("--yes"));
        assertThat(notSignedIn.exitCode()).isEqualTo(77);
        assertThat(notSignedIn.err()).contains("not signed in: there is no token file", "bulletin login");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void inboxReadsTheMailboxWithXoauth2RenewingARefusedToken() throws Exception {
        signedIn();
        mailbox.setPassword("not the stored token");
        fixture.addSettings("inbox.host=127.0.0.1", "inbox.port=" + greenMail.getImap().getPort(), "inbox.protocol=imap",
                "inbox.security=none", "inbox.auth=oauth2", "inbox.username=" + ACCOUNT);

        CliRun inbox = keep(CliRun.inWorkspace(dir, Map.of(), "inbox", "--dry-run"));

        assertThat(inbox.exitCode()).as(inbox.all()).isZero();
        assertThat(inbox.out()).contains("0 messages");
        assertThat(server.refreshes()).isEqualTo(1);
        assertNoSecretAnywhere();
    }
}
