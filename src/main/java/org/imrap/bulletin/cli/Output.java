package org.imrap.bulletin.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a command run with {@link OutputOptions} prints: results ({@link #out()}, standard output),
 * progress and diagnostics ({@link #err()}, standard error), and the operator that services report to
 * and ask through. Every line goes to the {@code --log} file; with {@code --quiet}, diagnostics are
 * dropped and results held back, printed only if the command fails.
 */
final class Output {
    private final PrintWriter stdout;
    private final PrintWriter stderr;
    private final Terminal terminal;
    private final boolean quiet;
    private final Optional<LogFile> log;
    private final Clock clock;
    private final List<String> held = new ArrayList<>();
    private final Lines out;
    private final Lines err;
    private ConsoleOperator operator;

    Output(PrintWriter stdout, PrintWriter stderr, Terminal terminal, boolean quiet, Optional<LogFile> log, Clock clock) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.terminal = terminal;
        this.quiet = quiet;
        this.log = log;
        this.clock = clock;
        this.out = new Lines(line -> {
            log(line);
            if (quiet) {
                held.add(line);
            } else {
                stdout.println(line);
                stdout.flush();
            }
        });
        this.err = new Lines(line -> {
            log(line);
            if (!quiet) {
                stderr.println(line);
                stderr.flush();
            }
        });
    }

    /** Results, for standard output. */
    PrintWriter out() {
        return out.writer;
    }

    /** Progress and diagnostics, for standard error. */
    PrintWriter err() {
        return err.writer;
    }

    /** A line that says why the command fails: shown even with {@code --quiet}. */
    void error(String line) {
        log(line);
        stderr.println(line);
        stderr.flush();
    }

    Terminal terminal() {
        return terminal;
    }

    /** The operator for a service: it prints on standard error itself, and asks on the console. */
    ConsoleOperator operator() {
        if (operator == null) {
            operator = new ConsoleOperator(stderr, System.console(), terminal, quiet, log, clock);
        }
        return operator;
    }

    /** A line for the log file alone; colours are for a terminal, not for a file. */
    void log(String line) {
        log.ifPresent(file -> file.line(line.replaceAll("\u001B\\[[0-9;]*m", "")));
    }

    /** After the command: what is left of a line is printed, and results held back are shown if it failed. */
    void end(int exitCode) {
        out.writer.close();
        err.writer.close();
        if (exitCode != 0) {
            held.forEach(stdout::println);
        }
        held.clear();
        stdout.flush();
    }

    /** A writer that hands on each complete line (and what is left when it is closed). */
    private static final class Lines extends Writer {
        private final Consumer<String> sink;
        private final StringBuilder line = new StringBuilder();
        private final PrintWriter writer;

        Lines(Consumer<String> sink) {
            this.sink = sink;
            this.writer = new PrintWriter(this, true);
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (chars[i] == '\n') {
                    int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                    sink.accept(line.substring(0, end));
                    line.setLength(0);
                } else {
                    line.append(chars[i]);
                }
            }
        }

        @Override
        public void flush() {
            // Lines are handed on whole.
        }

        @Override
        public void close() {
            if (line.length() > 0) {
                sink.accept(line.toString());
                line.setLength(0);
            }
        }
    }
}
