package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * bulletin send in a separate process, killed with SIGKILL in the middle of a list, then run again:
 * across both runs each person gets the bulletin once.
 */
class CrashResumeTest extends FaultyServerTest {
    private static final int PEOPLE = 200;


    @BeforeEach
    void prepareList() {
        fixture.generatedList(PEOPLE);
    }

    private Process startSend(String... shellPrefix) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:-UsePerfData");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.imrap.bulletin.Main");
        command.addAll(fixture.arguments("--yes"));
        if (shellPrefix.length > 0) {
            String quoted = String.join(" ", command.stream().map(arg -> "'" + arg + "'").toList());
            command = List.of("bash", "-c", shellPrefix[0] + " exec " + quoted);
        }
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("send-" + System.nanoTime() + ".log").toFile()).start();
    }

    private static void assertEachOnce(List<String> recipients) {
        assertThat(recipients).doesNotHaveDuplicates().hasSize(PEOPLE);
    }

    @Test
    void killedWhileAMessageIsInFlightTheNextRunCompletesWithoutDuplicates() throws Exception {
        server.stallAfterTotal(73);
        Process send = startSend();
        assertThat(server.awaitStall(60)).as("the send reached message 74").isTrue();

        send.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        assertThat(server.recipients()).hasSize(73);
        assertThat(fixture.journalRows()).hasSize(73).allSatisfy(row -> assertThat(row.get(4)).isEqualTo("sent"));
        server.heal();

        Process again = startSend();
        assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(again.exitValue()).isZero();
        assertEachOnce(server.recipients());
        assertThat(fixture.journalRows()).hasSize(PEOPLE);
        assertThat(fixture.journalRows().stream().map(row -> row.get(3))).doesNotHaveDuplicates();
    }

    /**
     * A kill at any moment. Between the server's 250 and the journal row reaching the disk (well under a
     * millisecond) the outcome exists only on the server: that one message may be sent again (RFC 1047).
     * Nobody is ever lost, and at most that one person per connection can get two copies: a connection
     * hands over its next message only once the row of its last one is on the disk.
     */
    @ParameterizedTest(name = "{0} connection(s)")
    @ValueSource(ints = {1, 4})
    void killedAtAnyMomentNobodyIsLostAndAtMostTheMessageInFlightOfEachConnectionRepeats(int connections)
            throws Exception {
        fixture.addSettings("send.connections=" + connections);
        Process send = startSend();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (fixture.journalRows().size() < 120 && System.nanoTime() < deadline && send.isAlive()) {
            Thread.sleep(2);
        }
        send.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int before = server.recipients().size();
        assertThat(before).as("killed in the middle").isBetween(1, PEOPLE - 1);

        Process again = startSend();
        assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).isZero();

        List<String> all = server.recipients();
        assertThat(new HashSet<>(all)).hasSize(PEOPLE);
        assertThat(all.size() - PEOPLE).as("copies sent twice").isBetween(0, connections);
        Set<String> journaled = new HashSet<>();
        fixture.journalRows().forEach(row -> assertThat(journaled.add(row.get(3))).as("one row per person").isTrue());
        assertThat(journaled).hasSize(PEOPLE);
    }

    @ParameterizedTest(name = "{0} connection(s)")
    @ValueSource(ints = {1, 4})
    void aJournalThatFillsUpMidRunStopsAtOnceAndNamesWhoWasNotRecorded(int connections) throws Exception {
        fixture.addSettings("send.connections=" + connections);
        // The journal may not grow past 8 KB (ulimit -f counts 1 KB blocks here): after some rows, writing fails.
        Process send = startSend("ulimit -f 8;");
        assertThat(send.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(Files.list(dir).filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow());

        assertThat(send.exitValue()).as(output).isEqualTo(73);
        assertThat(output).contains("cannot write the send journal", "sending stopped", "could not be recorded");
        int rows = fixture.journalRows().size();
        assertThat(rows).isBetween(10, PEOPLE - 1);
        assertThat(server.recipients().size() - rows)
                .as("unrecorded: the message whose row failed, at most one per connection")
                .isBetween(1, connections);
        Set<String> journaled = new HashSet<>();
        fixture.journalRows().forEach(row -> journaled.add(row.get(3)));
        server.recipients().stream().filter(email -> !journaled.contains(email)).forEach(email ->
                assertThat(output).as("each person whose row was lost is named").contains("the message to " + email));
    }
}
