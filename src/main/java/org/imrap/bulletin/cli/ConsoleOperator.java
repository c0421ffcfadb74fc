package org.imrap.bulletin.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.imrap.bulletin.send.Operator;
import org.imrap.bulletin.send.SendPlan;

/** The operator at the command line: diagnostics on standard error, questions on the terminal if there is one. */
final class ConsoleOperator implements Operator {
    private final PrintWriter err;
    private final Console console;

    ConsoleOperator(PrintWriter err, Console console) {
        this.err = err;
        this.console = console;
    }

    @Override
    public boolean interactive() {
        return console != null;
    }

    @Override
    public void plan(SendPlan plan) {
        SendText.plan(plan).forEach(err::println);
        err.flush();
    }

    @Override
    public boolean confirm(SendPlan plan) {
        String answer = console.readLine("Send the bulletin to %d %s via %s? [y/N] ", plan.toSend(),
                plan.toSend() == 1 ? "person" : "people", plan.server());
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes|o|oui");
    }

    @Override
    public Optional<char[]> password(String prompt) {
        return Optional.ofNullable(console.readPassword("%s", prompt));
    }

    @Override
    public void info(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public void warning(String line) {
        err.println("warning: " + line);
        err.flush();
    }

    @Override
    public Optional<PrintStream> smtpDebug() {
        return Optional.of(new PrintStream(new LineWriter(err), true, StandardCharsets.UTF_8));
    }

    /** Bytes from Angus's debug stream, as lines on the error writer. */
    private static final class LineWriter extends OutputStream {
        private final PrintWriter target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineWriter(PrintWriter target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                target.println(line.toString(StandardCharsets.UTF_8));
                target.flush();
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
