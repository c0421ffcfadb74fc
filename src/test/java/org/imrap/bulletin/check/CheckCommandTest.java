package org.imrap.bulletin.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.imrap.bulletin.cli.CliRun;
import org.imrap.bulletin.mail.Tls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulletin check} as a user runs it: one line per step on standard output, the exit code of send. */
class CheckCommandTest {
    @TempDir
    Path dir;

    private final CheckService checks = new CheckService(new FakeDns().complete("imrap-mali.org"), Tls.system());

    @Test
    void theSampleWorkspaceSendsToTheSandboxAndItsDomainIsComplete() {
        CheckRun.workspace(dir);

        CliRun run = CliRun.run(checks, Map.of(), "--workspace", dir.toString(), "check");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Sending: the embedded sandbox (nothing leaves this machine)",
                "  ok      server     smtp.host=sandbox: the embedded server",
                "The sender's domain: imrap-mali.org",
                "  ok      SPF        v=spf1 include:_spf.google.com ~all",
                "  ok      DKIM       a key at google._domainkey.imrap-mali.org",
                "send would work: every step passed.");
        assertThat(run.out()).doesNotContain("\u001B[");
    }

    @Test
    void theSmtpOptionsOfSendPickTheServerAndAFailureGivesSendsExitCodeInFrench() throws Exception {
        CheckRun.workspace(dir);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        CliRun run = CliRun.run(checks, Map.of("LANG", "fr_ML.UTF-8"), "--workspace", dir.toString(), "check",
                "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(closed), "--smtp-security", "none");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(69);
        assertThat(run.out()).contains("Envoi : 127.0.0.1:" + closed + " (none)",
                "  échec     TCP        rien n'accepte de connexion à 127.0.0.1:" + closed + " (refusée)",
                "→ vérifiez smtp.port : 587 pour starttls et 465 pour ssl sont les ports habituels",
                "send échouerait maintenant (code de sortie 69) : voyez l'étape en échec.");
    }

    @Test
    void quietPrintsNothingWhenSendWouldWorkAndEveryStepWhenItWouldNot() throws Exception {
        CheckRun.workspace(dir);
        Path log = dir.resolve("check.log");

        CliRun fine = CliRun.run(checks, Map.of(), "--workspace", dir.toString(), "check", "--quiet", "--log", log.toString());

        assertThat(fine.exitCode()).as(fine.all()).isZero();
        assertThat(fine.all()).isEmpty();
        assertThat(java.nio.file.Files.readString(log)).contains("send would work: every step passed.");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CliRun failing = CliRun.run(checks, Map.of(), "--workspace", dir.toString(), "check", "--quiet",
                "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(closed), "--smtp-security", "none");

        assertThat(failing.exitCode()).isEqualTo(69);
        assertThat(failing.out()).contains("nothing takes connections at 127.0.0.1:" + closed, "send would fail now (exit 69)");
    }

    @Test
    void aWorkingServerAndMailboxAreBothSaidToWork() {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
        greenMail.start();
        try {
            greenMail.setUser("desabonnement@imrap-mali.org", "desabonnement", "pw");
            CheckRun.workspace(dir, "smtp.host=127.0.0.1", "smtp.port=" + greenMail.getSmtp().getPort(),
                    "smtp.security=none", "inbox.host=127.0.0.1", "inbox.port=" + greenMail.getImap().getPort(),
                    "inbox.protocol=imap", "inbox.security=none", "inbox.username=desabonnement");

            CliRun run = CliRun.run(checks, Map.of("BULLETIN_INBOX_PASSWORD", "pw"), "--workspace", dir.toString(), "check");

            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.out()).contains("MAIL FROM  the server takes mail from bulletin@imrap-mali.org",
                    "The mailbox: 127.0.0.1:", "send would work: every step passed.", "inbox would work.");
            assertThat(greenMail.getReceivedMessages()).isEmpty();
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void theHelpNamesTheOptions() {
        CliRun run = CliRun.run("check", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: bulletin check", "--smtp-security", "--dkim-selector", "without sending anything");
    }
}
