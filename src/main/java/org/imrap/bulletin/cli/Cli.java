package org.imrap.bulletin.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import org.imrap.bulletin.Text;
import picocli.CommandLine;

/** Builds the command line: the commands, and the one place errors become messages and exit codes. */
public final class Cli {
    private Cli() {
    }

    /** Runs bulletin with the process's standard output and error (UTF-8) and returns the exit code. */
    public static int execute(String... args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return run(out, err, System.getenv(), Clock.systemDefaultZone(), args);
    }

    /**
     * Runs bulletin in the language asked for ({@code --lang}, else the locale of the environment) and
     * returns the exit code. Tests call this with their own writers, environment and clock.
     */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, String... args) {
        Locale before = Text.locale();
        Text.use(language(args).orElse(Text.fromEnvironment(env)));
        try {
            return create(out, err, env, clock).execute(args);
        } finally {
            Text.use(before);
        }
    }

    /** {@code --lang fr} or {@code --lang=fr}, wherever it is on the command line. */
    static Optional<Locale> language(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lang") && i + 1 < args.length) {
                return Optional.of(Locale.forLanguageTag(args[i + 1].replace('_', '-')));
            }
            if (args[i].startsWith("--lang=")) {
                return Optional.of(Locale.forLanguageTag(args[i].substring("--lang=".length()).replace('_', '-')));
            }
        }
        return Optional.empty();
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
                .setResourceBundle(ResourceBundle.getBundle("org.imrap.bulletin.cli.help", Text.locale(), Text.BUNDLES))
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }
}
