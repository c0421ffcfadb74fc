package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.Test;

/** What a server says reaches the terminal with its control characters escaped, never as a command to the terminal. */
class TerminalEscapesTest extends FaultyServerTest {
    private static final String AWA = "awa.traore@example.org";

    @Test
    void aReplyThatWouldRetitleTheWindowAndClearTheScreenIsShownEscaped() {
        server.replyToRecipient(AWA, "550 5.1.1 \u001B]0;pwned\u0007\u001B[2J\u009B31m gone");

        CliRun send = fixture.send("--yes");
        CliRun journal = CliRun.run("--workspace", dir.toString(), "journal", "--month", "2022-08",
                "--smtp-host", "127.0.0.1");

        assertThat(send.exitCode()).as(send.all()).isEqualTo(65);
        assertThat(send.out()).contains(AWA + " (donors): 550 5.1.1 \\x1B]0;pwned\\x07\\x1B[2J", "\\x9B31m gone");
        assertThat(journal.exitCode()).as(journal.all()).isZero();
        assertThat(journal.out()).contains(AWA, "550 5.1.1 ", "]0;pwned");
        for (CliRun run : new CliRun[] {send, journal}) {
            assertThat(run.all().chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7F && c < 0xA0)).as(run.all()).isEmpty();
        }
    }
}
