package org.imrap.bulletin.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.util.Map;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.mail.Tls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mailbox {@code inbox} reads is checked the same way when {@code inbox.host} is set; its failure is not send's. */
class InboxCheckTest {
    private static final Map<String, String> PASSWORD = Map.of("BULLETIN_INBOX_PASSWORD", "pw");

    @TempDir
    Path dir;

    @Test
    void theMailboxIsReachedLoggedIntoAndItsFolderCountedWithoutReadingAMessage() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
        greenMail.start();
        try {
            greenMail.setUser("desabonnement@imrap-mali.org", "desabonnement", "pw");
            Workspace workspace = CheckRun.workspace(dir, "inbox.host=127.0.0.1", "inbox.port=" + greenMail.getImap().getPort(),
                    "inbox.protocol=imap", "inbox.security=none", "inbox.username=desabonnement");

            CheckRun run = CheckRun.check(workspace, new FakeDns(), Tls.system(), PASSWORD);

            assertThat(run.result.inbox()).as(run.toString()).contains(ExitCode.OK);
            assertThat(run.sections).anySatisfy(title -> assertThat(title).startsWith("The mailbox: 127.0.0.1:"));
            assertThat(run.step("greeting").detail()).startsWith("* OK");
            assertThat(run.step("login").detail()).isEqualTo("logged in as desabonnement (the way inbox logs in)");
            assertThat(run.step("folder").detail()).isEqualTo("INBOX holds 0 messages");
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void aMissingFolderFailsTheInboxButNotSend() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
        greenMail.start();
        try {
            greenMail.setUser("desabonnement@imrap-mali.org", "desabonnement", "pw");
            Workspace workspace = CheckRun.workspace(dir, "inbox.host=127.0.0.1", "inbox.port=" + greenMail.getImap().getPort(),
                    "inbox.protocol=imap", "inbox.security=none", "inbox.username=desabonnement", "inbox.folder=Desabonnements");

            CheckRun run = CheckRun.check(workspace, new FakeDns().complete("imrap-mali.org"), Tls.system(), PASSWORD);

            assertThat(run.result.send()).isEqualTo(ExitCode.OK);
            assertThat(run.result.inbox()).contains(ExitCode.UNAVAILABLE);
            assertThat(run.step("folder").detail()).isEqualTo("there is no folder Desabonnements");
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void imapWithStartTlsAtAnImapsPortIsToldToUseImaps() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS).dynamicPort());
        greenMail.start();
        try {
            int port = greenMail.getImaps().getPort();
            Workspace workspace = CheckRun.workspace(dir, "inbox.host=127.0.0.1", "inbox.port=" + port,
                    "inbox.protocol=imap", "inbox.username=desabonnement", "inbox.connectTimeout=2s");

            CheckRun run = CheckRun.check(workspace, new FakeDns(), Tls.system(), PASSWORD);

            assertThat(run.result.inbox()).contains(ExitCode.UNAVAILABLE);
            assertThat(run.step("greeting").detail()).contains("port " + port + " expects TLS from the first byte");
            assertThat(run.step("greeting").hint().orElse("")).isEqualTo("set inbox.protocol=imaps (keeping inbox.port=" + port + ")");
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void aMistakeInTheInboxSettingsIsReportedAndTheRestIsChecked() {
        Workspace workspace = CheckRun.workspace(dir, "inbox.host=imap.example.org", "inbox.protocol=carrier-pigeon");

        CheckRun run = CheckRun.check(workspace, new FakeDns(), Tls.system(), Map.of());

        assertThat(run.result.send()).isEqualTo(ExitCode.OK);
        assertThat(run.result.inbox()).contains(ExitCode.CONFIG);
        assertThat(run.step("settings").detail()).contains("carrier-pigeon");
    }
}
