package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.Test;

/**
 * Every {@link SendFaultsTest} case against a server that offers CHUNKING (RFC 3030) and PIPELINING: each message
 * goes with BDAT, its content as a chunk in the same write as its envelope and its empty last chunk with the next
 * message's; every fault keyed on a final dot applies to the last chunk.
 */
class SendFaultsWithChunkingTest extends SendFaultsTest {
    @Override
    FaultySmtpServer newServer() throws IOException {
        return new FaultySmtpServer().withChunking();
    }

    @Test
    void aRefusedChunkFailsThatMessageAloneAndTheRunGoesOnOnTheSameConnection() {
        String awa = "awa.traore@example.org";
        server.refuseChunk(awa, "552 5.3.4 Message size exceeds fixed limit");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(65);
        assertThat(fixture.journalRows()).filteredOn(row -> row.get(3).equals(awa)).singleElement()
                .satisfies(row -> assertThat(row.get(4)).isEqualTo("failed"))
                .satisfies(row -> assertThat(row.get(5)).contains("552 5.3.4"));
        assertThat(fixture.journalRows()).hasSize(SendFixture.SAMPLE_AUDIENCE);
        assertThat(server.recipients()).hasSize(33).doesNotContain(awa).doesNotHaveDuplicates();
        assertThat(run.out()).contains("Sent 33, failed 1, deferred 0");
        assertThat(server.sessions()).isEqualTo(1);
    }

    @Test
    void everyMessageGoesWithBdatAndNoneWithData() {
        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(server.dataCommands()).isZero();
        assertThat(server.chunks()).as("with PIPELINING, the content and an empty last chunk; without, one last chunk")
                .isEqualTo(server.offersPipelining() ? 2 * SendFixture.SAMPLE_AUDIENCE : SendFixture.SAMPLE_AUDIENCE);
        assertThat(server.received()).hasSize(SendFixture.SAMPLE_AUDIENCE).allSatisfy(message -> {
            assertThat(message.data()).contains("Subject: ", "MIME-Version: 1.0").endsWith("\r\n");
            assertThat(message.data()).as("no dot-stuffing with BDAT").doesNotContain("\r\n..");
        });
    }
}
