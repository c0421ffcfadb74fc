package org.imrap.bulletin.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.imrap.bulletin.SampleWorkspace;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mailbox is read over TLS with the certificate checked, and never in clear text off this machine. */
class InboxTlsTest {
    @TempDir
    Path dir;

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS).dynamicPort());
        greenMail.start();
        try {
            greenMail.setUser("desabonnement@imrap-mali.org", "desabonnement", "pw");
            SampleWorkspace.copyTo(dir);
            Files.writeString(dir.resolve("bulletin.properties"), "\ninbox.host=127.0.0.1\ninbox.port="
                    + greenMail.getImaps().getPort() + "\ninbox.protocol=imaps\ninbox.username=desabonnement\n",
                    StandardOpenOption.APPEND);

            CliRun run = CliRun.run(Map.of("BULLETIN_INBOX_PASSWORD", "pw"), "--workspace", dir.toString(), "inbox",
                    "--yes");

            assertThat(run.exitCode()).as(run.all()).isEqualTo(69);
            assertThat(run.err()).contains("cannot connect to the mailbox 127.0.0.1:");
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void clearTextIsRefusedForAServerOffThisMachine() throws Exception {
        SampleWorkspace.copyTo(dir);
        Files.writeString(dir.resolve("bulletin.properties"),
                "\ninbox.host=imap.example.org\ninbox.protocol=imap\ninbox.security=none\n", StandardOpenOption.APPEND);

        CliRun run = CliRun.run(Map.of(), "--workspace", dir.toString(), "inbox", "--yes");

        assertThat(run.exitCode()).isEqualTo(78);
        assertThat(run.err()).contains("inbox.security=none", "imap.example.org");
    }
}
