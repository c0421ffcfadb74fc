package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.imrap.bulletin.SampleWorkspace;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.Test;

/** bulletin send through a real SMTP server, GreenMail, in this process on a free loopback port. */
class SendCommandTest extends GreenMailTest {

    private MimeMessage messageTo(String email) throws Exception {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> {
                    try {
                        return ((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(email);
                    } catch (Exception e) {
                        return false;
                    }
                })
                .findFirst().orElseThrow(() -> new AssertionError("no message to " + email));
    }

    private static String text(MimeMessage message) throws Exception {
        return ((String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
    }

    @Test
    void sendsEveryPersonOneMessageWithTheirNameAndAccentsIntact() throws Exception {
        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(SendFixture.SAMPLE_AUDIENCE);
        MimeMessage awa = messageTo("awa.traore@example.org");
        assertThat(awa.getSubject()).isEqualTo("Bulletin d'information de l'IMRAP – août 2022");
        assertThat(((InternetAddress) awa.getFrom()[0]).getPersonal()).isEqualTo("IMRAP – Bulletin d'information");
        assertThat(((InternetAddress) awa.getAllRecipients()[0]).getPersonal()).isEqualTo("Awa Traoré");
        assertThat(text(awa)).contains("Bonjour Awa Traoré,", "SÉGOU", "l'œuvre de l'IMRAP", "Badalabougou-Est");
        assertThat(text(messageTo("gouverneur.segou@example.org"))).contains("Monsieur le Gouverneur,");
        assertThat(text(messageTo("direction.justice@example.org"))).contains("Madame, Monsieur,");
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).map(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        })).doesNotHaveDuplicates().noneMatch(to -> to.contains("jean.dupont"));

        assertThat(fixture.journalRows()).hasSize(SendFixture.SAMPLE_AUDIENCE)
                .allSatisfy(row -> {
                    assertThat(row.get(1)).isEqualTo("2022-08");
                    assertThat(row.get(4)).isEqualTo("sent");
                    assertThat(row.get(5)).startsWith("250");
                    assertThat(row.get(6)).endsWith("@imrap-mali.org>");
                    assertThat(row.get(7)).matches("[0-9a-f]{16}");
                });
        assertThat(run.out()).contains("Sent 34, failed 0, deferred 0", "Everyone in the audience has the bulletin.");
        assertThat(run.err()).contains("Reaches 34 people", "via 127.0.0.1:" + fixture.port);
    }

    @Test
    void dryRunRendersEveryMessageAndSendsNothing() {
        CliRun run = fixture.send("--dry-run");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Dry run: 34 messages rendered; nothing sent, no journal written.");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(fixture.journal()).doesNotExist();
    }

    @Test
    void runningTheSameCommandAgainSendsNothingMore() {
        assertThat(fixture.send("--yes").exitCode()).isZero();

        CliRun again = fixture.send("--yes");

        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("Nothing to send: everyone in the audience already has the 2022-08 bulletin");
        assertThat(greenMail.getReceivedMessages()).hasSize(SendFixture.SAMPLE_AUDIENCE);
        assertThat(fixture.journalRows()).hasSize(SendFixture.SAMPLE_AUDIENCE);
    }

    @Test
    void aPersonSentEarlierIsNeverSentAgainWhateverTheListsSayLater() throws Exception {
        assertThat(fixture.send("--yes", "--to", "partners").exitCode()).isZero();
        // Awa moves from partners to donors; the journal still knows she has the bulletin.
        assertThat(CliRun.run("--workspace", dir.toString(), "lists", "remove", "partners", "awa.traore@example.org")
                .exitCode()).isZero();

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().contains("awa.traore");
            } catch (Exception e) {
                return false;
            }
        })).hasSize(1);
    }

    @Test
    void limitSendsAtMostNAndTheNextRunContinues() {
        CliRun first = fixture.send("--yes", "--limit", "10");

        assertThat(first.exitCode()).isEqualTo(75);
        assertThat(first.out()).contains("Sent 10", "Left for the next run: 24");
        assertThat(greenMail.getReceivedMessages()).hasSize(10);

        CliRun second = fixture.send("--yes");
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(34);
        assertThat(fixture.journalRows().stream().map(row -> row.get(3))).doesNotHaveDuplicates().hasSize(34);
    }

    @Test
    void limitDryRunTwinSendsNothing() {
        CliRun run = fixture.send("--dry-run", "--limit", "10");

        assertThat(run.exitCode()).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(fixture.journal()).doesNotExist();
    }

    @Test
    void aChangedBulletinIsRefusedUnlessAllowed() throws Exception {
        assertThat(fixture.send("--yes", "--limit", "5").exitCode()).isEqualTo(75);
        Path item = dir.resolve("news/2022-08-20-kangaba.md");
        Files.writeString(item, Files.readString(item).replace("25 participants", "26 participants"));

        CliRun refused = fixture.send("--yes");
        assertThat(refused.exitCode()).isEqualTo(65);
        assertThat(refused.err()).contains("the bulletin changed since 5 people were sent an earlier version",
                "--allow-changed");
        assertThat(greenMail.getReceivedMessages()).hasSize(5);

        CliRun allowed = fixture.send("--yes", "--allow-changed");
        assertThat(allowed.exitCode()).as(allowed.all()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(34);
    }

    @Test
    void strayFilesInTheTemplatesFolderDoNotCountAsAChange() throws Exception {
        assertThat(fixture.send("--yes", "--limit", "5").exitCode()).isEqualTo(75);
        Files.writeString(dir.resolve("templates/.bulletin.html.mustache.swp"), "editor state");
        Files.writeString(dir.resolve("templates/notes.txt~"), "backup");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(34);
    }

    @Test
    void testToSendsOneMessageWithATestSubjectAndJournalsNothing() throws Exception {
        CliRun run = fixture.send("--test-to", "staff@imrap-mali.org");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(greenMail.getReceivedMessages()).singleElement().satisfies(message -> {
            assertThat(message.getSubject()).isEqualTo("[TEST] Bulletin d'information de l'IMRAP – août 2022");
            assertThat(message.getAllRecipients()[0].toString()).isEqualTo("staff@imrap-mali.org");
            assertThat(text(message)).contains("Monsieur le Gouverneur,");
        });
        assertThat(fixture.journal()).doesNotExist();
        assertThat(run.out()).contains("Test message sent (not journaled).");
    }

    @Test
    void attachGoesWithEveryMessageAndAMissingFileSendsNothing() throws Exception {
        CliRun missing = fixture.send("--yes", "--attach", dir.resolve("absent.pdf").toString());
        assertThat(missing.exitCode()).isEqualTo(66);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(fixture.journal()).doesNotExist();

        Path programme = Files.writeString(dir.resolve("programme.txt"), "Programme");
        CliRun run = fixture.send("--yes", "--attach", programme.toString());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(34).allSatisfy(message ->
                assertThat(((MimeMultipart) message.getContent()).getBodyPart(1).getFileName()).isEqualTo("programme.txt"));
    }

    @Test
    void withoutYesAndWithoutATerminalNothingIsSent() {
        CliRun run = fixture.send();

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("not sending to 34 people without a confirmation", "--yes");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(fixture.journal()).doesNotExist();
    }

    @Test
    void plainTextToAServerOffThisMachineIsRefused() {
        CliRun run = CliRun.run("--workspace", dir.toString(), "send", "--yes", "--smtp-host", "smtp.example.org",
                "--smtp-security", "none");

        assertThat(run.exitCode()).isEqualTo(78);
        assertThat(run.err()).contains("allowed only for a server on this machine");
    }

    @Test
    void theSandboxWritesEveryMessageAndSaysNothingLeftTheMachine() throws Exception {
        Path sample = dir.resolve("sandbox-workspace");
        SampleWorkspace.copyTo(sample);

        CliRun run = CliRun.run("--workspace", sample.toString(), "send", "--month", "2022-08");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Sandbox: nothing left this machine; 34 messages written to");
        assertThat(run.err()).contains("the embedded sandbox (nothing leaves this machine)");
        try (Stream<Path> files = Files.list(sample.resolve("out/sandbox/2022-08"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names).hasSize(34).contains("awa.traore@example.org.eml").allMatch(n -> n.endsWith(".eml"));
        }
        assertThat(Files.readString(sample.resolve("out/sandbox/2022-08/awa.traore@example.org.eml")))
                .contains("Subject: =?UTF-8?Q?Bulletin_d'information_de_l'IMRAP_=E2=80=93_ao=C3=BBt_2022?=");
        assertThat(sample.resolve("out/sandbox/journal/2022-08.csv")).exists();
        assertThat(sample.resolve("journal")).doesNotExist();
        assertThat(greenMail.getReceivedMessages()).as("the sandbox is its own server").isEmpty();
    }

    @Test
    void aSandboxThatCannotWriteStopsAtTheFirstMessageAndJournalsNoneAsSent() throws Exception {
        Path sample = dir.resolve("sandbox-workspace");
        SampleWorkspace.copyTo(sample);
        Files.createDirectories(sample.resolve("out/sandbox"));
        Files.writeString(sample.resolve("out/sandbox/2022-08"), "a file where the folder should be");

        CliRun run = CliRun.run("--workspace", sample.toString(), "send", "--month", "2022-08");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(73);
        assertThat(run.err()).contains("cannot write", "out/sandbox/2022-08/", ".eml")
                .doesNotContain("deferred");
        assertThat(Files.readAllLines(sample.resolve("out/sandbox/journal/2022-08.csv")))
                .as("no one is recorded as sent, nor tried again and again").hasSize(1);

        Files.delete(sample.resolve("out/sandbox/2022-08"));
        CliRun again = CliRun.run("--workspace", sample.toString(), "send", "--month", "2022-08");
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("34 messages written to");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 4})
    void everyoneTheSandboxJournalsAsSentHasTheirFileWhenOneCannotBeWritten(int connections) throws Exception {
        Path sample = dir.resolve("sandbox-workspace");
        SampleWorkspace.copyTo(sample);
        Files.writeString(sample.resolve("bulletin.properties"), "\nsend.connections=" + connections + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path folder = sample.resolve("out/sandbox/2022-08");
        Files.createDirectories(folder.resolve("moussa.keita@example.org.eml"));  // a folder where the file should go

        CliRun run = CliRun.run("--workspace", sample.toString(), "send", "--month", "2022-08");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(73);
        assertThat(run.err()).contains("moussa.keita@example.org.eml");
        List<String> sent = Files.readAllLines(sample.resolve("out/sandbox/journal/2022-08.csv")).stream()
                .skip(1).filter(row -> row.contains(",sent,")).map(row -> row.split(",")[3]).toList();
        assertThat(sent).doesNotContain("moussa.keita@example.org");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList())
                    .as("one file for each person journaled as sent, and no other")
                    .containsExactlyInAnyOrderElementsOf(sent.stream().map(email -> email + ".eml").toList());
        }
    }

    @Test
    void theSandboxDryRunTwinWritesNothing() {
        Path sample = dir.resolve("sandbox-workspace");
        SampleWorkspace.copyTo(sample);

        CliRun run = CliRun.run("--workspace", sample.toString(), "send", "--dry-run");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(sample.resolve("out")).doesNotExist();
    }

    @Test
    void journalShowsTheCampaignsCounts() {
        Path sample = dir.resolve("sandbox-workspace");
        SampleWorkspace.copyTo(sample);
        assertThat(CliRun.run("--workspace", sample.toString(), "send", "--limit", "3").exitCode()).isEqualTo(75);

        CliRun run = CliRun.run("--workspace", sample.toString(), "journal", "--month", "2022-08");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Campaign 2022-08 (sandbox)", "sent 3, failed 0, deferred 0");
    }
}
