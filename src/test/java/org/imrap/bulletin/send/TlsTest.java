package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS is checked by default: a server whose certificate is not trusted gets nothing. */
class TlsTest {
    @TempDir
    Path dir;
    GreenMail greenMail;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());
        greenMail.start();
        new SendFixture(dir, greenMail.getSmtps().getPort());
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    @Test
    void aSelfSignedCertificateIsRefusedAndNothingIsSent() {
        CliRun run = CliRun.run("--workspace", dir.toString(), "send", "--yes", "--smtp-host", "127.0.0.1",
                "--smtp-port", String.valueOf(greenMail.getSmtps().getPort()), "--smtp-security", "ssl");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(69);
        assertThat(run.err()).contains("TLS with the server failed", "certificate");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(dir.resolve("journal/2022-08.csv")).doesNotExist();
    }
}
