package org.imrap.bulletin.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.SampleWorkspace;
import org.imrap.bulletin.cli.CliRun;
import org.imrap.bulletin.config.Unsubscribe;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.send.LockHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bulletin inbox against GreenMail's IMAP and POP3 servers, preloaded with the corpus in
 * src/test/resources/inbox-corpus: each message with its expected outcome.
 */
class InboxTest {
    private static final Path CORPUS = Path.of("src/test/resources/inbox-corpus");
    private static final byte[] SECRET = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    private static final String MAILBOX = "desabonnement@imrap-mali.org";
    private static final Map<String, String> ENV = Map.of("BULLETIN_INBOX_PASSWORD", "mot-de-passe");

    @TempDir
    Path dir;
    GreenMail greenMail;
    GreenMailUser user;

    @BeforeEach
    void start() throws Exception {
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3).dynamicPort()});
        greenMail.start();
        user = greenMail.setUser(MAILBOX, "desabonnement", "mot-de-passe");
        SampleWorkspace.copyTo(dir);
        Files.writeString(dir.resolve("bulletin.secret"), HexFormat.of().formatHex(SECRET) + "\n");
        Files.setPosixFilePermissions(dir.resolve("bulletin.secret"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.createDirectories(dir.resolve("journal"));
        String header = "time,campaign,list,email,status,reply,message_id,content_hash\n";
        Files.writeString(dir.resolve("journal/2022-07.csv"), header
                + "2022-08-01T07:00:00Z,2022-07,partners,aissata.toure@example.net,sent,250,<other-campaign@imrap-mali.org>,h\n");
        Files.writeString(dir.resolve("journal/2022-08.csv"), header
                + "2022-09-01T07:00:00Z,2022-08,partners,oumar.coulibaly@example.org,sent,250,<bounce-me@imrap-mali.org>,h\n"
                + "2022-09-01T07:00:01Z,2022-08,partners,boubacar.maiga@example.org,sent,250,<b1@imrap-mali.org>,h\n"
                + "2022-09-01T07:00:02Z,2022-08,partners,kadidia.sidibe@example.org,sent,250,<k1@imrap-mali.org>,h\n"
                + "2022-09-01T07:00:03Z,2022-08,donors,sekou.dembele@example.net,sent,250,<s1@imrap-mali.org>,h\n");
        for (Path eml : corpus()) {
            String text = Files.readString(eml)
                    .replace("${TOKEN_MOUSSA}", new Unsubscribe(Optional.of(MAILBOX), Optional.empty(), Optional.of(SECRET))
                            .token("moussa.keita@example.org"))
                    .replace("${BOUNCED_ID}", "<bounce-me@imrap-mali.org>");
            user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
        }
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private static List<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.sorted().toList();
        }
    }

    private void useInbox(String protocol, int port) throws IOException {
        Files.writeString(dir.resolve("bulletin.properties"), "\ninbox.host=127.0.0.1\ninbox.port=" + port
                + "\ninbox.protocol=" + protocol + "\ninbox.security=none\ninbox.username=desabonnement\n"
                + "inbox.readTimeout=10s\n", StandardOpenOption.APPEND);
    }

    private CliRun inbox(String... args) {
        return CliRun.inWorkspace(dir, ENV, "inbox", args);
    }

    private List<String> unsubscribed() throws IOException {
        return Files.readAllLines(dir.resolve("recipients/unsubscribed.csv")).stream().skip(1)
                .map(line -> line.split(",")[0]).toList();
    }

    private Message[] folder(String name) throws Exception {
        Properties p = new Properties();
        Store store = Session.getInstance(p).getStore("imap");
        store.connect("127.0.0.1", greenMail.getImap().getPort(), "desabonnement", "mot-de-passe");
        Folder folder = store.getFolder(name);
        if (!folder.exists()) {
            return new Message[0];
        }
        folder.open(Folder.READ_ONLY);
        Message[] messages = folder.getMessages();
        for (Message message : messages) {
            message.getFlags();
            message.getSubject();
        }
        return messages;
    }

    @Test
    void overImapEachMessageGetsItsOutcomeAndOrdinaryMailIsUntouched() throws Exception {
        useInbox("imap", greenMail.getImap().getPort());

        CliRun run = inbox("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("10 messages",
                "Unsubscribe requests honoured: 2; refused as not authentic: 1",
                "fatoumata.diarra@example.net (the request came from Mallory <mallory@evil.example>",
                "Bounces: 4 permanent, 1 temporary; addresses suppressed: 4",
                "Left alone: 1 automatic reply, 1 other message");
        assertThat(unsubscribed()).containsExactlyInAnyOrder("jean.dupont@example.org", "awa.traore@example.org",
                "moussa.keita@example.org", "oumar.coulibaly@example.org", "aissata.toure@example.net",
                "boubacar.maiga@example.org", "sekou.dembele@example.net");
        assertThat(Files.readString(dir.resolve("recipients/unsubscribed.csv")))
                .contains("awa.traore@example.org,", ",désabonnement par e-mail", "bounce 5.1.1", "bounce 5.1.10");
        List<String> bounces = Files.readAllLines(dir.resolve("journal/bounces.csv"));
        assertThat(bounces).hasSize(6).anySatisfy(line -> assertThat(line).contains(",2022-08,oumar.coulibaly@example.org,hard,5.1.1"))
                .anySatisfy(line -> assertThat(line).contains("kadidia.sidibe@example.org,soft,4.2.2"));

        Message[] left = folder("INBOX");
        assertThat(left).extracting(Message::getSubject).containsExactlyInAnyOrder(
                "Merci pour le bulletin", "Réponse automatique : absente jusqu'au 15 septembre", "unsubscribe fatoumata.diarra@example.net");
        for (Message message : left) {
            assertThat(message.getFlags().contains(Flags.Flag.SEEN)).as("never marked read").isFalse();
        }
        assertThat(folder("bulletin-traite")).hasSize(7);

        CliRun journal = CliRun.run(Map.of("BULLETIN_SMTP_HOST", "127.0.0.1"), "--workspace", dir.toString(),
                "journal", "--month", "2022-08");
        assertThat(journal.out()).contains("Bounces recorded by 'bulletin inbox' (4):",
                "oumar.coulibaly@example.org (hard, 5.1.1", "kadidia.sidibe@example.org (soft, 4.2.2")
                .doesNotContain("aissata.toure@example.net");

        CliRun again = inbox("--yes");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("3 messages", "honoured: 0; refused as not authentic: 1",
                "Bounces: 0 permanent, 0 temporary");
        assertThat(Files.readAllLines(dir.resolve("journal/bounces.csv"))).hasSize(6);
    }

    @Test
    void aReportAboutAMessageBulletinDidNotSendIsLeftAlone() throws Exception {
        useInbox("imap", greenMail.getImap().getPort());
        Files.delete(dir.resolve("journal/2022-07.csv"));

        CliRun run = inbox("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Bounces: 3 permanent, 1 temporary");
        assertThat(run.err()).contains("aissata.toure@example.net: a delivery report that does not return a bulletin sent to that address");
        assertThat(unsubscribed()).doesNotContain("aissata.toure@example.net");
        assertThat(folder("INBOX")).extracting(Message::getSubject)
                .contains("Mail delivery failed: returning message to sender");
    }

    @Test
    void aServersOddCharactersInItsReplyStillSuppressTheAddress() throws Exception {
        useInbox("imap", greenMail.getImap().getPort());
        Files.writeString(dir.resolve("journal/2022-08.csv"),
                "2022-09-01T07:00:04Z,2022-08,partners,mariam.diallo@example.org,sent,250,<m1@imrap-mali.org>,h\n",
                StandardOpenOption.APPEND);
        String dsn = Files.readString(CORPUS.resolve("04-dsn-postfix-hard.eml"))
                .replace("<20220905091500.ABC@mx.example.org>", "<odd-reply@mx.example.org>")
                .replace("${BOUNCED_ID}", "<m1@imrap-mali.org>")
                .replace("oumar.coulibaly@example.org", "mariam.diallo@example.org")
                .replace("Diagnostic-Code: smtp; 550 5.1.1", "Diagnostic-Code: smtp; 550 5.1.1\tbo\u00eete \ud83d\udcea inconnue");
        user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(dsn.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));

        CliRun run = inbox("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(unsubscribed()).contains("mariam.diallo@example.org");
        assertThat(Files.readString(dir.resolve("recipients/unsubscribed.csv")))
                .contains("mariam.diallo@example.org,").contains("bounce 5.1.1 smtp; 550 5.1.1 bo te inconnue");
    }

    @Test
    void aSecondRunWaitsForTheFirstAndChangesNothing() throws Exception {
        useInbox("imap", greenMail.getImap().getPort());
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                dir.resolve("journal").toString(), "INBOX").start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream())).readLine())
                    .isEqualTo("locked");

            CliRun run = inbox("--yes");

            assertThat(run.exitCode()).as(run.all()).isEqualTo(75);
            assertThat(run.err()).contains("another inbox run is working on this workspace (pid " + other.pid() + ")");
            assertThat(folder("INBOX")).hasSize(10);
            assertThat(inbox("--dry-run").exitCode()).as("a dry run only reads").isZero();
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void theSummaryIsMailedToStaffWhenTheRunChangedSomething() throws Exception {
        useInbox("imap", greenMail.getImap().getPort());
        Files.writeString(dir.resolve("bulletin.properties"), "report.to=communication@imrap-mali.org\n",
                StandardOpenOption.APPEND);

        CliRun run = inbox("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        Path report = dir.resolve("out/sandbox/inbox/report-communication@imrap-mali.org.eml");
        try (var in = Files.newInputStream(report)) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(message.getSubject()).isEqualTo("[bulletin] inbox: 2 unsubscribed, 5 bounces");
            assertThat((String) message.getContent()).contains("Unsubscribe requests honoured: 2");
        }

        Files.delete(report);
        CliRun again = inbox("--yes");
        assertThat(again.out()).as("only the forged request is left").contains("refused as not authentic: 1");
        assertThat(report).as("nothing changed: no report").doesNotExist();
    }

    @Test
    void whenTheReportCannotBeMailedTheRequestsAreAppliedAllTheSame() throws Exception {
        useInbox("imap", greenMail.getImap().getPort());
        Files.writeString(dir.resolve("bulletin.properties"), "report.to=communication@imrap-mali.org\n"
                + "smtp.username=bulletin\n", StandardOpenOption.APPEND);
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("BULLETIN_SMTP_HOST", "127.0.0.1");

        CliRun run = CliRun.inWorkspace(dir, env, "inbox", "--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).contains("the report to report.to will not be mailed");
        assertThat(unsubscribed()).contains("awa.traore@example.org", "moussa.keita@example.org");
    }

    @Test
    void theDryRunTwinChangesNothing() throws Exception {
        useInbox("imap", greenMail.getImap().getPort());
        byte[] before = Files.readAllBytes(dir.resolve("recipients/unsubscribed.csv"));

        CliRun run = inbox("--dry-run");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Dry run: nothing was changed.", "unsubscribe: awa.traore@example.org → would-unsubscribe");
        assertThat(Files.readAllBytes(dir.resolve("recipients/unsubscribed.csv"))).isEqualTo(before);
        assertThat(dir.resolve("journal/bounces.csv")).doesNotExist();
        assertThat(folder("INBOX")).hasSize(10);
    }

    @Test
    void overPop3TheSameOutcomesAndARunAgainAppliesNothingTwice() throws Exception {
        useInbox("pop3", greenMail.getPop3().getPort());

        CliRun run = inbox("--yes");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("honoured: 2; refused as not authentic: 1", "Bounces: 4 permanent, 1 temporary");

        CliRun again = inbox("--yes");
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("honoured: 0", "7 handled by an earlier run");
        assertThat(unsubscribed()).hasSize(7).doesNotHaveDuplicates();
        assertThat(Files.readAllLines(dir.resolve("journal/bounces.csv"))).hasSize(6);
    }

    @Test
    void withoutYesOnANonTerminalNothingChanges() throws Exception {
        useInbox("imap", greenMail.getImap().getPort());

        CliRun run = inbox();

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--yes");
        assertThat(folder("INBOX")).hasSize(10);
    }

    @Test
    void withoutInboxSettingsItSaysWhatToAddWhateverTheOptions() {
        for (CliRun run : List.of(inbox(), inbox("--yes"), inbox("--dry-run"))) {
            assertThat(run.exitCode()).as(run.all()).isEqualTo(78);
            assertThat(run.err()).contains("bulletin.properties: no inbox.host", "add inbox.host, inbox.username");
        }
    }

    @Test
    void quietPrintsNothingAndTheLogHasEveryLineTimestamped() throws Exception {
        useInbox("imap", greenMail.getImap().getPort());
        Path log = dir.resolve("cron.log");

        CliRun run = CliRun.run(ENV, java.time.Clock.fixed(java.time.Instant.parse("2022-09-10T06:00:00Z"),
                java.time.ZoneOffset.UTC), "--workspace", dir.toString(), "inbox", "--yes", "--quiet", "--log", log.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        assertThat(unsubscribed()).contains("awa.traore@example.org", "moussa.keita@example.org");
        assertThat(Files.readAllLines(log)).allSatisfy(line -> assertThat(line).startsWith("2022-09-10 06:00:00 "))
                .anySatisfy(line -> assertThat(line).contains("Unsubscribe requests honoured: 2; refused as not authentic: 1"))
                .anySatisfy(line -> assertThat(line).contains("unsubscribe: awa.traore@example.org → unsubscribed"));
    }

    @Test
    void quietStillSaysWhyItFails() {
        CliRun run = inbox("--yes", "--quiet");

        assertThat(run.exitCode()).isEqualTo(78);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("bulletin.properties: no inbox.host");
    }

    /** An operator who answers the confirmation, and delivers a new request while they think about it. */
    private final class Answering implements InboxOperator {
        private final boolean answer;
        InboxSummary preview;

        Answering(boolean answer) {
            this.answer = answer;
        }

        @Override
        public boolean interactive() {
            return true;
        }

        @Override
        public Optional<char[]> password(String prompt) {
            return Optional.empty();
        }

        @Override
        public void info(String line) {
        }

        @Override
        public void warning(String line) {
        }

        @Override
        public boolean confirm(InboxSummary shown) {
            preview = shown;
            String eml = "From: lecteur@example.org\r\nTo: " + MAILBOX + "\r\nSubject: unsubscribe lecteur@example.org\r\n"
                    + "Message-ID: <late@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nMerci\r\n";
            try {
                user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                        new ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8))));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
            return answer;
        }

        @Override
        public RunReport report(InboxSummary summary) {
            return new RunReport("report", "text");
        }
    }

    private InboxSummary confirmedBy(InboxOperator operator) {
        return new InboxService(java.time.Clock.systemUTC())
                .run(new InboxRequest(Workspace.at(dir), InboxRequest.Mode.CONFIRM, ENV), operator);
    }

    @Test
    void aPersonWhoConfirmsGetsExactlyWhatTheyWereShownApplied() throws Exception {
        useInbox("imap", greenMail.getImap().getPort());
        Answering yes = new Answering(true);

        InboxSummary summary = confirmedBy(yes);

        assertThat(yes.preview.dryRun()).isTrue();
        assertThat(yes.preview.actions()).contains("unsubscribe: awa.traore@example.org → would-unsubscribe");
        assertThat(summary.dryRun()).isFalse();
        assertThat(summary.honoured()).isEqualTo(2);
        assertThat(summary.actions()).contains("unsubscribe: awa.traore@example.org → unsubscribed");
        assertThat(summary.handledIds()).isEqualTo(yes.preview.handledIds());
        assertThat(unsubscribed()).contains("awa.traore@example.org").doesNotContain("lecteur@example.org");
        assertThat(folder("INBOX")).extracting(Message::getSubject).contains("unsubscribe lecteur@example.org");
    }

    @Test
    void aPersonWhoSaysNoChangesNothing() throws Exception {
        useInbox("imap", greenMail.getImap().getPort());
        byte[] before = Files.readAllBytes(dir.resolve("recipients/unsubscribed.csv"));

        assertThatThrownBy(() -> confirmedBy(new Answering(false))).isInstanceOfSatisfying(BulletinException.class,
                e -> assertThat(e.exitCode().code()).isEqualTo(75));

        assertThat(Files.readAllBytes(dir.resolve("recipients/unsubscribed.csv"))).isEqualTo(before);
        assertThat(dir.resolve("journal/inbox.csv")).doesNotExist();
        assertThat(folder("INBOX")).hasSize(11);
    }
}
