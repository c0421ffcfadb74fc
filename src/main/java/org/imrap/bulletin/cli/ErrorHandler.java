package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.Printable;
import org.imrap.bulletin.Problem;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one error path: turns any failure into a short message on standard error — what is wrong,
 * where, and what to try next — and the sysexits exit code. Stack traces only with --stacktrace.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final Path HERE = Path.of("").toAbsolutePath();

    private final Terminal terminal;

    ErrorHandler(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (e instanceof BulletinException failure) {
            err.println(terminal.error("bulletin: ") + shortenPaths(Printable.escape(failure.getMessage())));
            if (failure instanceof BadDataException bad) {
                for (Problem problem : bad.problems()) {
                    err.println("  " + problem.describe(HERE));
                }
            }
            failure.hint().ifPresent(hint -> err.println("  → " + shortenPaths(Printable.escape(hint))));
            printStackTraceIfAsked(e, err, parseResult);
            err.flush();
            return failure.exitCode().code();
        }
        err.println(terminal.error(t("error.internal")) + Printable.escape(e.toString()));
        err.println("  → " + t("error.internal.hint"));
        printStackTraceIfAsked(e, err, parseResult);
        err.flush();
        return ExitCode.SOFTWARE.code();
    }

    /** Paths inside the current folder are shown relative to it, as the user typed them. */
    private static String shortenPaths(String text) {
        return text.replace(HERE + java.io.File.separator, "");
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(terminal.error("bulletin: ") + describe(e));
        err.println("  → " + t("error.usage.hint", command.getCommandSpec().qualifiedName()));
        err.flush();
        return ExitCode.USAGE.code();
    }

    /** Picocli's own words for the common mistakes, in the user's language. */
    private static String describe(ParameterException e) {
        if (e instanceof picocli.CommandLine.UnmatchedArgumentException unmatched) {
            return t("usage.unknown", String.join(" ", unmatched.getUnmatched()));
        }
        if (e instanceof picocli.CommandLine.MissingParameterException missing) {
            return t("usage.missing", String.join(", ", missing.getMissing().stream()
                    .map(arg -> arg.isOption() ? ((picocli.CommandLine.Model.OptionSpec) arg).longestName()
                            : arg.paramLabel()).toList()));
        }
        return t("usage.other", e.getMessage());
    }

    private static void printStackTraceIfAsked(Exception e, PrintWriter err, ParseResult parseResult) {
        if (parseResult.hasMatchedOption("--stacktrace")
                || parseResult.subcommands().stream().anyMatch(sub -> sub.hasMatchedOption("--stacktrace"))
                || deepest(parseResult).hasMatchedOption("--stacktrace")) {
            e.printStackTrace(err);
        }
    }

    private static ParseResult deepest(ParseResult result) {
        ParseResult current = result;
        while (current.hasSubcommand()) {
            current = current.subcommand();
        }
        return current;
    }
}
