package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.time.Duration;
import org.imrap.bulletin.check.TestCertificates;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mistake a new user makes first: a port and a security that do not go together. A plain-text
 * start at a port that expects TLS waits for a greeting that never comes — found within the connect
 * timeout, not the 60 s read timeout; TLS at a port that speaks plain text gets a greeting instead of a
 * TLS record. Both say which security to use, and nothing is sent.
 */
class WrongSecurityForThePortTest {
    @TempDir
    Path dir;

    @Test
    void starttlsAtAPortThatExpectsTlsFailsWithinTheConnectTimeoutNotTheReadTimeoutAndNamesSsl() throws Exception {
        try (TlsListener tls = new TlsListener(TestCertificates.server(TestCertificates.LOOPBACK))) {
            new SendFixture(dir, tls.port(), "smtp.connectTimeout=2s", "smtp.readTimeout=60s");

            long start = System.nanoTime();
            CliRun run = send(tls.port(), "starttls");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(run.exitCode()).as(run.all()).isEqualTo(69);
            assertThat(run.err()).contains("port " + tls.port() + " expects TLS from the first byte: nothing came within 2 s",
                    "set smtp.security=ssl (keeping smtp.port=" + tls.port() + ")");
            assertThat(took).isLessThan(Duration.ofSeconds(20));
            assertThat(dir.resolve("journal/2022-08.csv")).doesNotExist();
        }
    }

    @Test
    void aTlsPortThatAnswersAPlainTextStartWithAnAlertIsRecognisedAtOnce() throws Exception {
        try (TlsListener tls = new TlsListener(TestCertificates.server(TestCertificates.LOOPBACK)).alertAtOnce()) {
            new SendFixture(dir, tls.port(), "smtp.readTimeout=60s");

            CliRun run = send(tls.port(), "none");

            assertThat(run.exitCode()).as(run.all()).isEqualTo(69);
            assertThat(run.err()).contains("port " + tls.port() + " expects TLS from the first byte: it answered a "
                    + "plain-text start in TLS", "set smtp.security=ssl");
        }
    }

    @Test
    void sslAtAPortThatSpeaksPlainTextSaysSoAndNamesStarttls() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        try {
            int port = greenMail.getSmtp().getPort();
            new SendFixture(dir, port);

            CliRun run = send(port, "ssl");

            assertThat(run.exitCode()).as(run.all()).isEqualTo(69);
            assertThat(run.err()).contains("port " + port + " answered in plain text, not TLS",
                    "set smtp.security=starttls for port " + port, "bulletin check");
            assertThat(greenMail.getReceivedMessages()).isEmpty();
        } finally {
            greenMail.stop();
        }
    }

    private CliRun send(int port, String security) {
        return CliRun.run("--workspace", dir.toString(), "send", "--month", "2022-08", "--yes",
                "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(port), "--smtp-security", security);
    }
}
