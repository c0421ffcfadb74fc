package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.Test;

/** A run with several connections ends its threads with it, however it ends. */
class CleanEndTest extends FaultyServerTest {

    /** The threads of a run's connections (senders, the idle timer, openers) still alive once they had a moment to end. */
    private static List<String> runThreadsLeft() throws InterruptedException {
        List<Thread> left = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().matches("(sender|idle|connect)-\\d+")).toList();
        for (Thread thread : left) {
            thread.join(2000);
        }
        return left.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }

    @Test
    void fourConnectionsLeaveNoThreadBehind() throws InterruptedException {
        fixture.addSettings("send.connections=4");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(runThreadsLeft()).isEmpty();
    }

    @Test
    void autoLeavesNoThreadBehind() throws InterruptedException {
        fixture.addSettings("send.connections=auto");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(runThreadsLeft()).isEmpty();
    }

    @Test
    void aRunStoppedByTheServerLeavesNoThreadBehind() throws InterruptedException {
        fixture.addSettings("send.connections=4");
        server.replyToEveryRecipient("451 4.7.1 Try again later");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(75);
        assertThat(run.out()).contains("Stopped early");
        assertThat(runThreadsLeft()).isEmpty();
    }
}
