package org.imrap.bulletin.send;

import java.io.IOException;

/** Every {@link CrashResumeTest} case (kill -9, then the same command again) with messages sent by BDAT (RFC 3030). */
class CrashResumeWithChunkingTest extends CrashResumeTest {
    @Override
    FaultySmtpServer newServer() throws IOException {
        return new FaultySmtpServer().withChunking();
    }
}
