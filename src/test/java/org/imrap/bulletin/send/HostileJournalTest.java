package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once through {@code bulletin send}, against a server whose replies hold any byte and a journal
 * that another program touched: nobody recorded as sent is sent the bulletin again, and a journal that
 * cannot be read with certainty stops the run (exit 65) before anything is sent.
 */
class HostileJournalTest extends FaultyServerTest {
    private static final String AWA = "awa.traore@example.org";
    private static final String GOUVERNEUR = "gouverneur.segou@example.org";

    @Test
    void aReplyHoldingNulQuotesAndCommasSwallowsNoRowAndNobodyIsSentTwice() {
        server.replyToRecipient(AWA, "550 5.1.1 bad\0\"x\0,y");
        server.replyToRecipient(GOUVERNEUR, "550 5.1.1 bad\0\"x\0,y");
        CliRun first = fixture.send("--yes");
        assertThat(first.exitCode()).as(first.all()).isEqualTo(65);
        assertThat(server.recipients()).hasSize(SendFixture.SAMPLE_AUDIENCE - 2);

        CliRun second = fixture.send("--yes");

        assertThat(server.recipients()).as(second.all()).hasSize(SendFixture.SAMPLE_AUDIENCE - 2).doesNotHaveDuplicates();
        assertThat(second.exitCode()).as(second.all()).isEqualTo(65);
        assertThat(second.out()).contains("32 already have");
        assertThat(fixture.journalRows()).filteredOn(row -> row.get(3).equals(AWA)).singleElement()
                .satisfies(row -> assertThat(row.get(5)).isEqualTo("550 5.1.1 bad\uFFFD\"x\uFFFD,y"));
    }

    @Test
    void aJournalResavedWithCarriageReturnsAloneStopsTheNextRunAndNobodyIsSentAgain() throws IOException {
        CliRun first = fixture.send("--yes");
        assertThat(first.exitCode()).as(first.all()).isZero();
        Files.writeString(fixture.journal(), Files.readString(fixture.journal()).replace('\n', '\r'));

        CliRun second = fixture.send("--yes");

        assertThat(second.exitCode()).as(second.all()).isEqualTo(65);
        assertThat(second.err()).contains("2022-08.csv:1:", "CR");
        assertThat(server.recipients()).hasSize(SendFixture.SAMPLE_AUDIENCE).doesNotHaveDuplicates();
    }

    @Test
    void aJournalWhoseLastLineLostItsLineEndStillHoldsThatPerson() throws IOException {
        CliRun first = fixture.send("--yes");
        assertThat(first.exitCode()).as(first.all()).isZero();
        String text = Files.readString(fixture.journal());
        Files.writeString(fixture.journal(), text.substring(0, text.length() - 1));

        CliRun second = fixture.send("--yes");

        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).contains("Nothing to send");
        assertThat(server.recipients()).hasSize(SendFixture.SAMPLE_AUDIENCE).doesNotHaveDuplicates();
    }
}
