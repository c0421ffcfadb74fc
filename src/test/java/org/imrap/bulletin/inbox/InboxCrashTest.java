package org.imrap.bulletin.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.imrap.bulletin.SampleWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bulletin inbox in a separate process, killed with SIGKILL mid-way, then run again: each request applied once. */
class InboxCrashTest {
    private static final int REQUESTS = 60;

    @TempDir
    Path dir;
    GreenMail greenMail;

    @BeforeEach
    void start() throws Exception {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
        greenMail.start();
        GreenMailUser user = greenMail.setUser("desabonnement@imrap-mali.org", "desabonnement", "mot-de-passe");
        SampleWorkspace.copyTo(dir);
        Files.writeString(dir.resolve("bulletin.properties"), "\ninbox.host=127.0.0.1\ninbox.port="
                + greenMail.getImap().getPort() + "\ninbox.protocol=imap\ninbox.security=none\n"
                + "inbox.username=desabonnement\n", StandardOpenOption.APPEND);
        for (int i = 1; i <= REQUESTS; i++) {
            String email = String.format("lecteur%03d@example.org", i);
            String eml = "From: " + email + "\r\nTo: desabonnement@imrap-mali.org\r\nSubject: unsubscribe " + email
                    + "\r\nMessage-ID: <req-" + i + "@example.org>\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\nMerci\r\n";
            user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8))));
        }
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private Process inbox() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), "org.imrap.bulletin.Main",
                "--workspace", dir.toString(), "inbox", "--yes");
        builder.environment().put("BULLETIN_INBOX_PASSWORD", "mot-de-passe");
        return builder.redirectErrorStream(true).redirectOutput(dir.resolve("inbox-" + System.nanoTime() + ".log").toFile())
                .start();
    }

    private int logRows() throws Exception {
        Path log = dir.resolve("journal/inbox.csv");
        return Files.exists(log) ? (int) Files.readString(log).chars().filter(c -> c == '\n').count() - 1 : 0;
    }

    @Test
    void killedMidWayThenRunAgainEachRequestIsAppliedExactlyOnce() throws Exception {
        Process first = inbox();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (logRows() < 15 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int before = logRows();
        assertThat(before).as("killed in the middle").isBetween(1, REQUESTS - 1);

        Process second = inbox();
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isZero();

        List<String> unsubscribed = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("recipients/unsubscribed.csv")).subList(1,
                Files.readAllLines(dir.resolve("recipients/unsubscribed.csv")).size())) {
            unsubscribed.add(line.split(",")[0]);
        }
        assertThat(unsubscribed.stream().filter(e -> e.startsWith("lecteur"))).hasSize(REQUESTS).doesNotHaveDuplicates();
        List<String> handled = Files.readAllLines(dir.resolve("journal/inbox.csv")).stream().skip(1)
                .map(line -> line.split(",")[1]).toList();
        assertThat(new HashSet<>(handled)).hasSize(REQUESTS);
        assertThat(handled).as("each message noted once").hasSize(REQUESTS);
    }
}
