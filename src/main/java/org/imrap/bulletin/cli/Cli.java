package org.imrap.bulletin.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.imrap.bulletin.Text;
import org.imrap.bulletin.check.CheckService;
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
        return run(out, err, env, clock, CheckService::new, args);
    }

    /** The same, {@code bulletin check} checking with this service (tests answer DNS and trust certificates themselves). */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock,
                          Supplier<CheckService> checks, String... args) {
        Locale before = Text.locale();
        Text.use(language(args).orElse(Text.fromEnvironment(env)));
        try {
            return create(out, err, env, clock, checks, args).execute(args);
        } finally {
            Text.use(before);
        }
    }

    /**
     * {@code --lang fr} or {@code --lang=fr}, wherever it is on the command line. A language bulletin
     * does not speak is left to the parser to refuse (exit 64), in the language of the environment.
     */
    static Optional<Locale> language(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lang") && i + 1 < args.length) {
                return known(args[i + 1]);
            }
            if (args[i].startsWith("--lang=")) {
                return known(args[i].substring("--lang=".length()));
            }
        }
        return Optional.empty();
    }

    /** {@code fr}, {@code en}, with or without a region ({@code fr_ML}, {@code en-GB}); nothing else. */
    static Optional<Locale> known(String tag) {
        Locale locale = Locale.forLanguageTag(tag.strip().replace('_', '-'));
        return List.of("fr", "en").contains(locale.getLanguage()) ? Optional.of(locale) : Optional.empty();
    }

    /**
     * The command line for these arguments, printing to the given writers, with the environment it
     * reads BULLETIN_* variables from and the clock that says what today is.
     *
     * <p>Picocli builds a command's model by reflection, which is most of bulletin's start-up; so only
     * the subcommands the arguments name are built whole. The others are stand-ins with their name,
     * enough for the help's list of commands (their descriptions come from the same resource bundle).
     * An argument file ({@code @file}) may name any of them, and a completion script needs every
     * option of every command: then all are built.
     */
    static CommandLine create(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, String... args) {
        return create(out, err, env, clock, CheckService::new, args);
    }

    private static CommandLine create(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock,
                                      Supplier<CheckService> checks, String... args) {
        ErrorHandler errors = new ErrorHandler(Terminal.of(env));
        CommandLine commandLine = new CommandLine(new BulletinCommand(env, clock, checks));
        List<String> named = List.of(args);
        boolean all = named.stream().anyMatch(arg -> arg.startsWith("@")) || named.contains("completion");
        for (Class<?> subcommand : BulletinCommand.SUBCOMMANDS) {
            String name = subcommand.getAnnotation(CommandLine.Command.class).name();
            if (all || named.contains(name) || subcommand == CommandLine.HelpCommand.class) {
                commandLine.addSubcommand(subcommand);
            } else {
                commandLine.addSubcommand(name, CommandLine.Model.CommandSpec.create());
            }
        }
        return commandLine
                .setResourceBundle(ResourceBundle.getBundle("org.imrap.bulletin.cli.help", Text.locale(), Text.BUNDLES))
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }
}
