package org.imrap.bulletin.send;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test that sends from a copy of the sample workspace to GreenMail, a real SMTP server, in this process on a free loopback port. */
abstract class GreenMailTest {
    @TempDir
    Path dir;
    GreenMail greenMail;
    SendFixture fixture;

    @BeforeEach
    void startGreenMail() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        fixture = new SendFixture(dir, greenMail.getSmtp().getPort());
    }

    @AfterEach
    void stopGreenMail() {
        greenMail.stop();
    }
}
