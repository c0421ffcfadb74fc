package org.imrap.bulletin.send;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test that sends from a copy of the sample workspace to a {@link FaultySmtpServer} of its own. */
abstract class FaultyServerTest {
    @TempDir
    Path dir;
    FaultySmtpServer server;
    SendFixture fixture;

    @BeforeEach
    void startServer() throws IOException {
        server = newServer();
        fixture = new SendFixture(dir, server.port());
    }

    /** The server the tests send to; a subclass may change how it behaves. */
    FaultySmtpServer newServer() throws IOException {
        return new FaultySmtpServer();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }
}
