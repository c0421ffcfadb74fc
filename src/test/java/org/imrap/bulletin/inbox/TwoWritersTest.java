package org.imrap.bulletin.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.imrap.bulletin.SampleWorkspace;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulletin inbox} (cron) and {@code bulletin lists unsubscribe} (a person) rewrite
 * recipients/unsubscribed.csv at the same moment, 50 changes each: every one of the 100 people ends
 * on it. Without the edit lock each writer puts back the file it read, without the other's rows.
 */
class TwoWritersTest {
    private static final int EACH = 50;
    private static final String MAILBOX = "desabonnement@imrap-mali.org";
    private static final Map<String, String> ENV = Map.of("BULLETIN_INBOX_PASSWORD", "mot-de-passe");

    @TempDir
    Path dir;
    GreenMail greenMail;

    @BeforeEach
    void start() throws Exception {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
        greenMail.start();
        GreenMailUser user = greenMail.setUser(MAILBOX, "desabonnement", "mot-de-passe");
        SampleWorkspace.copyTo(dir);
        Files.writeString(dir.resolve("bulletin.properties"), "\ninbox.host=127.0.0.1\ninbox.port="
                + greenMail.getImap().getPort() + "\ninbox.protocol=imap\ninbox.security=none\n"
                + "inbox.username=desabonnement\ninbox.readTimeout=10s\n", StandardOpenOption.APPEND);
        // An unsubscribe request from the address itself is authentic.
        for (int i = 1; i <= EACH; i++) {
            String text = "From: <by-mail" + i + "@example.org>\nTo: " + MAILBOX + "\nSubject: unsubscribe by-mail" + i
                    + "@example.org\nMessage-ID: <request-" + i + "@example.org>\nDate: Mon, 5 Sep 2022 09:00:00 +0000\n"
                    + "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\nunsubscribe\n";
            user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
        }
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private List<String> unsubscribed() throws Exception {
        return Files.readAllLines(dir.resolve("recipients/unsubscribed.csv")).stream().skip(1)
                .map(line -> line.split(",")[0]).toList();
    }

    private static List<String> addresses(String prefix) {
        return IntStream.rangeClosed(1, EACH).mapToObj(i -> prefix + i + "@example.org").toList();
    }

    private void assertNothingLost() throws Exception {
        List<String> expected = new ArrayList<>(addresses("by-hand"));
        expected.addAll(addresses("by-mail"));
        expected.add("jean.dupont@example.org");
        assertThat(unsubscribed()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void listsUnsubscribeAndTheInboxInTwoThreadsLoseNothing() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<List<CliRun>> byHand = CompletableFuture.supplyAsync(() -> {
            await(together);
            return addresses("by-hand").stream()
                    .map(email -> CliRun.inWorkspace(dir, ENV, "lists", "unsubscribe", email)).toList();
        });
        CompletableFuture<CliRun> byMail = CompletableFuture.supplyAsync(() -> {
            await(together);
            return CliRun.inWorkspace(dir, ENV, "inbox", "--yes");
        });

        CliRun inbox = byMail.get(120, TimeUnit.SECONDS);
        assertThat(inbox.exitCode()).as(inbox.all()).isZero();
        assertThat(inbox.out()).contains("Unsubscribe requests honoured: " + EACH);
        assertThat(byHand.get(120, TimeUnit.SECONDS)).allSatisfy(run -> assertThat(run.exitCode()).as(run.all()).isZero());
        assertNothingLost();
    }

    @Test
    void listsUnsubscribeInAnotherProcessAndTheInboxLoseNothing() throws Exception {
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), UnsubscribeMany.class.getName(),
                dir.toString(), "by-hand", String.valueOf(EACH)).redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo("ready");
            CompletableFuture<CliRun> byMail = CompletableFuture.supplyAsync(() -> CliRun.inWorkspace(dir, ENV, "inbox", "--yes"));
            Writer go = new OutputStreamWriter(other.getOutputStream(), StandardCharsets.UTF_8);
            go.write("go\n");
            go.flush();

            CliRun inbox = byMail.get(120, TimeUnit.SECONDS);
            assertThat(other.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String said = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(other.exitValue()).as(said).isZero();
            assertThat(inbox.exitCode()).as(inbox.all()).isZero();
            assertNothingLost();
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
