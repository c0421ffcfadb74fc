package org.imrap.bulletin.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/** Builds the command line: the commands, and the one place errors become messages and exit codes. */
public final class Cli {
    private Cli() {
    }

    /** Runs bulletin with the process's standard output and error (UTF-8) and returns the exit code. */
    public static int execute(String... args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return create(out, err).execute(args);
    }

    /** A command line that prints to the given writers: what tests use. */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        return create(out, err, System.getenv());
    }

    /** The same, with the environment it reads BULLETIN_* variables from. */
    public static CommandLine create(PrintWriter out, PrintWriter err, Map<String, String> env) {
        return create(out, err, env, Clock.systemDefaultZone());
    }

    /** The same, with the clock that says what today is. */
    public static CommandLine create(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock) {
        ErrorHandler errors = new ErrorHandler(Terminal.of(env));
        return new CommandLine(new BulletinCommand(env, clock))
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }
}
