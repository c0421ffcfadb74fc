package org.imrap.bulletin.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.cli.CliRun;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.mail.Tls;
import org.imrap.bulletin.send.FaultySmtpServer;
import org.imrap.bulletin.send.TlsListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulletin check} against real SMTP servers in this process — GreenMail plain and with implicit
 * TLS, the FaultySmtpServer with STARTTLS, no AUTH, an OAuth-only AUTH, a refused sender — each step
 * reported, nothing sent, and the exit code the one {@code send} gives against the same server.
 */
class SmtpCheckTest {
    private static final String SENDER = "bulletin@imrap-mali.org";
    private static final Map<String, String> PASSWORD = Map.of("BULLETIN_SMTP_PASSWORD", "secret");

    @TempDir
    Path dir;

    private final FakeDns dns = new FakeDns().complete("imrap-mali.org");

    @Test
    void greenMailOnThisMachinePassesEveryStepAndReceivesNothing() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        try {
            greenMail.setUser(SENDER, SENDER, "secret");
            Workspace workspace = CheckRun.workspace(dir, "smtp.host=127.0.0.1", "smtp.port=" + greenMail.getSmtp().getPort(),
                    "smtp.security=none", "smtp.username=" + SENDER);

            CheckRun run = CheckRun.check(workspace, dns, Tls.system(), PASSWORD);

            assertThat(run.result.send()).as(run.toString()).isEqualTo(ExitCode.OK);
            assertThat(run.result.warnings()).as(run.toString()).isZero();
            assertThat(run.names()).containsExactly("DNS", "TCP", "greeting", "EHLO", "login", "MAIL FROM", "sender",
                    "SPF", "DKIM", "DMARC");
            assertThat(run.step("EHLO").detail()).contains("AUTH", "PLAIN", "LOGIN");
            assertThat(run.step("login").detail()).contains("logged in as " + SENDER);
            assertThat(run.step("MAIL FROM").detail()).contains(SENDER, "250", "nothing was sent");
            assertThat(run.step("DKIM").detail()).contains("google._domainkey.imrap-mali.org");
            assertThat(greenMail.getReceivedMessages()).isEmpty();
            assertThat(run.toString()).doesNotContain("secret");
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void implicitTlsShowsTheProtocolAndTheCertificate() {
        TlsGreenMail greenMail = new TlsGreenMail(TestCertificates.server(TestCertificates.LOOPBACK),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());
        greenMail.start();
        try {
            Workspace workspace = CheckRun.workspace(dir, "smtp.host=127.0.0.1",
                    "smtp.port=" + greenMail.getSmtps().getPort(), "smtp.security=ssl");

            CheckRun run = CheckRun.check(workspace, dns, TestCertificates.trust(), Map.of());

            assertThat(run.result.send()).as(run.toString()).isEqualTo(ExitCode.OK);
            assertThat(run.names()).startsWith("DNS", "TCP", "TLS", "greeting", "EHLO", "login", "MAIL FROM");
            assertThat(run.step("TLS").detail()).startsWith("TLSv1.").contains("certificate for 127.0.0.1, localhost",
                    "issued by localhost", "valid until");
            assertThat(run.step("login").detail()).contains("no login");
            assertThat(greenMail.getReceivedMessages()).isEmpty();
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void startTlsUpgradesTheConnectionThenTheExtensionsAreReadAgainAndTheLoginWorks() throws Exception {
        try (FaultySmtpServer server = new FaultySmtpServer().startTls(TestCertificates.server(TestCertificates.LOOPBACK))
                .requireLogin(SENDER, "secret")) {
            Workspace workspace = CheckRun.workspace(dir, "smtp.host=127.0.0.1", "smtp.port=" + server.port(),
                    "smtp.security=starttls", "smtp.username=" + SENDER);

            CheckRun run = CheckRun.check(workspace, dns, TestCertificates.trust(), PASSWORD);

            assertThat(run.result.send()).as(run.toString()).isEqualTo(ExitCode.OK);
            assertThat(run.names()).startsWith("DNS", "TCP", "greeting", "EHLO", "STARTTLS", "EHLO", "login", "MAIL FROM");
            assertThat(run.steps.get(3).detail()).contains("STARTTLS");
            assertThat(run.step("STARTTLS").detail()).contains("TLSv1.", "127.0.0.1");
            assertThat(run.step("EHLO").detail()).contains("AUTH PLAIN LOGIN", "PIPELINING").doesNotContain("STARTTLS");
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void aCertificateForAnotherNameSaysWhichNameToUse() {
        TlsGreenMail greenMail = new TlsGreenMail(TestCertificates.server(TestCertificates.OTHER_NAME),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());
        greenMail.start();
        try {
            Workspace workspace = CheckRun.workspace(dir, "smtp.host=127.0.0.1",
                    "smtp.port=" + greenMail.getSmtps().getPort(), "smtp.security=ssl");

            CheckRun run = CheckRun.check(workspace, dns, TestCertificates.trust(), Map.of());

            assertThat(run.result.send()).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(run.step("TLS").outcome()).isEqualTo(Outcome.FAILED);
            assertThat(run.step("TLS").detail()).isEqualTo("the certificate is for mail.example.org, not for 127.0.0.1");
            assertThat(run.step("TLS").hint().orElse("")).contains("set smtp.host=mail.example.org, a name the certificate holds");
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void aCertificateNobodyVouchesForIsRefusedAsSendRefusesIt() {
        TlsGreenMail greenMail = new TlsGreenMail(TestCertificates.server(TestCertificates.LOOPBACK),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());
        greenMail.start();
        try {
            Workspace workspace = CheckRun.workspace(dir, "smtp.host=127.0.0.1",
                    "smtp.port=" + greenMail.getSmtps().getPort(), "smtp.security=ssl");

            CheckRun run = CheckRun.check(workspace, dns, Tls.system(), Map.of());

            assertThat(run.result.send()).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(run.step("TLS").detail()).contains("the certificate for 127.0.0.1, localhost is self-signed");
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void plainTextToAPortThatExpectsTlsIsFoundWithinTheConnectTimeoutWithTheRightPair() throws Exception {
        try (TlsListener tls = new TlsListener(TestCertificates.server(TestCertificates.LOOPBACK))) {
            Workspace workspace = CheckRun.workspace(dir, "smtp.host=127.0.0.1", "smtp.port=" + tls.port(),
                    "smtp.security=starttls", "smtp.connectTimeout=2s", "smtp.readTimeout=60s");

            long start = System.nanoTime();
            CheckRun run = CheckRun.check(workspace, dns, TestCertificates.trust(), Map.of());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(run.result.send()).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(run.step("greeting").detail()).isEqualTo(
                    "port " + tls.port() + " expects TLS from the first byte: nothing came within 2 s to a plain-text start");
            assertThat(run.step("greeting").hint().orElse("")).isEqualTo("set smtp.security=ssl (keeping smtp.port="
                    + tls.port() + "); bulletin check tries every step");
            assertThat(took).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aTlsAlertInsteadOfAGreetingIsRecognisedAtOnce() throws Exception {
        try (TlsListener tls = new TlsListener(TestCertificates.server(TestCertificates.LOOPBACK)).alertAtOnce()) {
            Workspace workspace = CheckRun.workspace(dir, "smtp.host=127.0.0.1", "smtp.port=" + tls.port(),
                    "smtp.security=starttls", "smtp.readTimeout=60s");

            CheckRun run = CheckRun.check(workspace, dns, TestCertificates.trust(), Map.of());

            assertThat(run.result.send()).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(run.step("greeting").detail()).isEqualTo("port " + tls.port()
                    + " expects TLS from the first byte: it answered a plain-text start in TLS");
        }
    }

    @Test
    void theTlsListenerItselfPassesWithSsl() throws Exception {
        try (TlsListener tls = new TlsListener(TestCertificates.server(TestCertificates.LOOPBACK))) {
            Workspace workspace = CheckRun.workspace(dir, "smtp.host=127.0.0.1", "smtp.port=" + tls.port(),
                    "smtp.security=ssl", "smtp.readTimeout=5s");

            CheckRun run = CheckRun.check(workspace, dns, TestCertificates.trust(), Map.of());

            assertThat(run.step("TLS").outcome()).as(run.toString()).isEqualTo(Outcome.OK);
            assertThat(run.step("greeting").detail()).isEqualTo("220 tls.test ESMTP");
        }
    }

    @Test
    void tlsToAPortThatSpeaksPlainTextNamesStarttlsWhenTheServerOffersIt() throws Exception {
        try (FaultySmtpServer server = new FaultySmtpServer().startTls(TestCertificates.server(TestCertificates.LOOPBACK))) {
            Workspace workspace = CheckRun.workspace(dir, "smtp.host=127.0.0.1", "smtp.port=" + server.port(),
                    "smtp.security=ssl");

            CheckRun run = CheckRun.check(workspace, dns, TestCertificates.trust(), Map.of());

            assertThat(run.result.send()).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(run.step("TLS").detail()).isEqualTo("port " + server.port() + " answered in plain text, not TLS");
            assertThat(run.step("TLS").hint().orElse("")).contains("port " + server.port() + " offers STARTTLS: set "
                    + "smtp.security=starttls with smtp.port=" + server.port());
        }
    }

    @Test
    void tlsToAPortWithoutAnyEncryptionSaysSo() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        try {
            int port = greenMail.getSmtp().getPort();
            Workspace workspace = CheckRun.workspace(dir, "smtp.host=127.0.0.1", "smtp.port=" + port, "smtp.security=ssl");

            CheckRun run = CheckRun.check(workspace, dns, TestCertificates.trust(), Map.of());

            assertThat(run.result.send()).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(run.step("TLS").hint().orElse("")).contains("port " + port + " offers no encryption");
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void aServerWithoutAuthThatRefusesTheSenderFailsAtMailFromWithTheExitCodeOfSend() throws Exception {
        try (FaultySmtpServer server = new FaultySmtpServer().refuseSenderAfter(0, "550 5.7.1 Sender address rejected")) {
            Workspace workspace = CheckRun.workspace(dir, "smtp.host=127.0.0.1", "smtp.port=" + server.port(),
                    "smtp.security=none", "smtp.username=" + SENDER, "send.retryDelay=0s");

            CheckRun run = CheckRun.check(workspace, dns, Tls.system(), PASSWORD);
            CliRun send = CliRun.run(PASSWORD, "--workspace", dir.toString(), "send", "--month", "2022-08", "--yes");

            assertThat(run.step("EHLO").detail()).contains("no AUTH");
            assertThat(run.step("login").outcome()).isEqualTo(Outcome.WARNING);
            assertThat(run.step("login").detail()).contains("offers no login (AUTH)");
            assertThat(run.step("MAIL FROM").outcome()).isEqualTo(Outcome.FAILED);
            assertThat(run.step("MAIL FROM").detail()).contains("refuses mail from " + SENDER, "550 5.7.1 Sender address rejected");
            assertThat(run.result.send()).isEqualTo(ExitCode.TEMPORARY_FAILURE);
            assertThat(send.exitCode()).as(send.all()).isEqualTo(run.result.send().code());
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void anAccountThatCanSignInOnlyWithATokenIsToldToUseOauth2AsSendFailsWith77() throws Exception {
        try (FaultySmtpServer server = new FaultySmtpServer().requireLogin(SENDER, "secret").offerAuth("XOAUTH2 OAUTHBEARER")) {
            Workspace workspace = CheckRun.workspace(dir, "smtp.host=127.0.0.1", "smtp.port=" + server.port(),
                    "smtp.security=none", "smtp.username=" + SENDER);

            CheckRun run = CheckRun.check(workspace, dns, Tls.system(), PASSWORD);
            CliRun send = CliRun.run(PASSWORD, "--workspace", dir.toString(), "send", "--month", "2022-08", "--yes");

            assertThat(run.step("login").outcome()).isEqualTo(Outcome.FAILED);
            assertThat(run.step("login").detail()).contains("offers only XOAUTH2 OAUTHBEARER");
            assertThat(run.step("login").hint().orElse("")).contains("smtp.auth=oauth2", "bulletin login");
            assertThat(run.result.send()).isEqualTo(ExitCode.NO_PERMISSION);
            assertThat(send.exitCode()).as(send.all()).isEqualTo(77);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAt77() throws Exception {
        try (FaultySmtpServer server = new FaultySmtpServer().requireLogin(SENDER, "secret")) {
            Workspace workspace = CheckRun.workspace(dir, "smtp.host=127.0.0.1", "smtp.port=" + server.port(),
                    "smtp.security=none", "smtp.username=" + SENDER);

            CheckRun run = CheckRun.check(workspace, dns, Tls.system(), Map.of("BULLETIN_SMTP_PASSWORD", "wrong"));

            assertThat(run.result.send()).isEqualTo(ExitCode.NO_PERMISSION);
            assertThat(run.step("login").detail()).contains("refused the login of " + SENDER, "535");
            assertThat(run.toString()).doesNotContain("wrong");
        }
    }

    @Test
    void microsoftTurningPasswordsOffPointsToOauth2() throws Exception {
        try (FaultySmtpServer server = new FaultySmtpServer().requireLogin(SENDER, "secret").refuseLoginWith(
                "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.")) {
            Workspace workspace = CheckRun.workspace(dir, "smtp.host=127.0.0.1", "smtp.port=" + server.port(),
                    "smtp.security=none", "smtp.username=" + SENDER);

            CheckRun run = CheckRun.check(workspace, dns, Tls.system(), Map.of("BULLETIN_SMTP_PASSWORD", "old"));

            assertThat(run.result.send()).isEqualTo(ExitCode.NO_PERMISSION);
            assertThat(run.step("login").detail()).contains("5.7.139");
            assertThat(run.step("login").hint().orElse("")).contains("cannot log in with a password any more",
                    "smtp.auth=oauth2", "bulletin login");
        }
    }

    @Test
    void anUnknownHostAndAClosedPortFailWith69() throws Exception {
        Workspace workspace = CheckRun.workspace(dir, "smtp.host=smtp.nowhere.example", "smtp.port=587");
        CheckRun unknown = CheckRun.check(workspace, dns, Tls.system(), Map.of());
        assertThat(unknown.result.send()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(unknown.step("DNS").detail()).isEqualTo("smtp.nowhere.example is not a known host name (no address in DNS)");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CheckRun refused = CheckRun.check(CheckRun.workspace(dir.resolve("b"), "smtp.host=127.0.0.1",
                "smtp.port=" + closed, "smtp.security=starttls"), dns, Tls.system(), Map.of());
        assertThat(refused.result.send()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(refused.step("TCP").detail()).contains("127.0.0.1:" + closed, "refused");
        assertThat(refused.step("TCP").hint().orElse("")).contains("smtp.port");
    }
}
