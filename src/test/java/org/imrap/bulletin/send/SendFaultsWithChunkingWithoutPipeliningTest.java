package org.imrap.bulletin.send;

import java.io.IOException;

/** Every {@link SendFaultsWithChunkingTest} case against a server that offers CHUNKING but not PIPELINING: one BDAT ... LAST a message, after its handover. */
class SendFaultsWithChunkingWithoutPipeliningTest extends SendFaultsWithChunkingTest {
    @Override
    FaultySmtpServer newServer() throws IOException {
        return new FaultySmtpServer().withChunking().withoutPipelining();
    }
}
