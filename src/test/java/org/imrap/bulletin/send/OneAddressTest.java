package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.Test;

/**
 * One person, however their address is spelt: the suppression list, de-duplication and the journal all
 * compare addresses in one canonical form (quotes that change nothing, the domain's case, an
 * internationalised domain in Unicode or {@code xn--}, invisible characters pasted from a spreadsheet).
 */
class OneAddressTest extends FaultyServerTest {

    private void appendTo(String list, String... lines) throws IOException {
        Files.writeString(dir.resolve("recipients").resolve(list), String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    @Test
    void anUnsubscribedPersonWrittenWithQuotesOrInAnotherCaseOrScriptIsNeverSentTheBulletin() throws IOException {
        appendTo("unsubscribed.csv", "gone.person@example.org,2022-08-01,parti", "awa@xn--mdiation-mali-bhb.org,2022-08-01,");
        // As a spreadsheet saves a cell holding quotes: the cell in quotes, each quote doubled.
        appendTo("partners.csv", "\"\"\"gone.person\"\"@example.org\",Gone Person,X,fr", "awa@MÉDIATION-mali.org,Awa,X,fr",
                "\"\"\"Gone.Person\"\"@EXAMPLE.ORG\",Gone Again,X,fr");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).doesNotContain("invalid");
        assertThat(server.recipients()).hasSize(SendFixture.SAMPLE_AUDIENCE)
                .noneMatch(to -> to.toLowerCase().contains("gone.person"))
                .noneMatch(to -> to.toLowerCase().contains("mdiation"));
    }

    @Test
    void onePersonSpeltTwoWaysGetsOneMessage() throws IOException {
        appendTo("partners.csv", "\"\"\"new.reader\"\"@example.org\",New Reader,X,fr", "NEW.reader@Example.org,New Reader,X,fr",
                "new.reader@example.org\u200B,New Reader,X,fr");
        appendTo("donors.csv", "\u00A0new.reader@example.org;New Reader;X;fr");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).doesNotContain("invalid");
        assertThat(server.recipients()).hasSize(SendFixture.SAMPLE_AUDIENCE + 1).doesNotHaveDuplicates()
                .contains("new.reader@example.org");
    }

    @Test
    void someoneJournaledAsSentIsNotSentAgainUnderAnotherSpelling() throws IOException {
        CliRun first = fixture.send("--yes");
        assertThat(first.exitCode()).as(first.all()).isZero();
        Path partners = dir.resolve("recipients/partners.csv");
        Files.writeString(partners, Files.readString(partners).replace("awa.traore@example.org", "\"\"\"awa.traore\"\"@EXAMPLE.org\""));

        CliRun second = fixture.send("--yes");

        assertThat(second.out()).as(second.all()).contains("Nothing to send");
        assertThat(server.recipients()).hasSize(SendFixture.SAMPLE_AUDIENCE).doesNotHaveDuplicates();
    }

    @Test
    void invisibleCharactersAroundAnAddressAreTakenOffWithAWarningThatNamesTheLine() throws IOException {
        appendTo("partners.csv", "\u00A0new.reader@example.org\u200B,New Reader,X,fr");

        CliRun check = CliRun.run("--workspace", dir.toString(), "lists", "check");

        assertThat(check.err()).contains("partners.csv:14:", "invisible characters around the address",
                "<U+00A0>new.reader@example.org<U+200B>");
        assertThat(check.all()).doesNotContain("non-ASCII");
    }
}
