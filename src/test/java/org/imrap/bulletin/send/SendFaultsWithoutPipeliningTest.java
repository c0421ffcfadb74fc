package org.imrap.bulletin.send;

import java.io.IOException;

/** Every {@link SendFaultsTest} case against a server that does not offer PIPELINING: one reply awaited per command. */
class SendFaultsWithoutPipeliningTest extends SendFaultsTest {
    @Override
    FaultySmtpServer newServer() throws IOException {
        return new FaultySmtpServer().withoutPipelining();
    }
}
