package org.imrap.bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --quiet} and {@code --log} do with the lines a command prints. */
class OutputTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2022-09-02T07:00:00Z"), ZoneOffset.UTC);
    private static final Terminal COLOURS = new Terminal(true, Map.of());

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Output output(boolean quiet, Optional<LogFile> log) {
        return new Output(new PrintWriter(out), new PrintWriter(err), COLOURS, quiet, log, CLOCK);
    }

    @Test
    void withoutOptionsEveryLineIsPrintedAsItComes() {
        Output output = output(false, Optional.empty());

        output.out().println("result");
        output.err().print("half a ");
        output.err().println("line");
        assertThat(out.toString()).isEqualTo("result" + System.lineSeparator());
        assertThat(err.toString()).isEqualTo("half a line" + System.lineSeparator());
        output.end(0);
    }

    @Test
    void quietHoldsResultsBackUntilTheCommandFailsAndDropsDiagnostics() {
        Output fine = output(true, Optional.empty());
        fine.out().println("result");
        fine.err().println("progress");
        fine.end(0);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEmpty();

        Output failing = output(true, Optional.empty());
        failing.out().println("result");
        failing.error("why it fails");
        failing.end(65);
        assertThat(out.toString()).isEqualTo("result" + System.lineSeparator());
        assertThat(err.toString()).isEqualTo("why it fails" + System.lineSeparator());
    }

    @Test
    void theLogHasEveryLineTimestampedWithoutColoursOrCarriageReturns() throws Exception {
        Path file = dir.resolve("cron.log");
        try (LogFile log = new LogFile(file, CLOCK)) {
            Output output = output(true, Optional.of(log));
            output.out().print("result\r\n");
            output.err().println(COLOURS.warning("warning: careful"));
            output.out().print("no newline at the end");
            output.end(0);
        }

        assertThat(Files.readAllLines(file)).containsExactly("2022-09-02 07:00:00 result",
                "2022-09-02 07:00:00 warning: careful", "2022-09-02 07:00:00 no newline at the end");
    }
}
