package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.Printable;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.Text;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MaxValuesExceededException;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

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
        err.println(terminal.error("bulletin: ") + Printable.escape(describe(e, args)));
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            // picocli's printSuggestions says it in English only.
            err.println("  → " + Printable.escape(t("usage.didYouMean", String.join(t("usage.or"), unmatched.getSuggestions()))));
        }
        err.println("  → " + t("error.usage.hint", command.getCommandSpec().qualifiedName()));
        err.flush();
        return ExitCode.USAGE.code();
    }

    /** What picocli found wrong, in the user's language: none of its own (English) words reach a French user. */
    private static String describe(ParameterException e, String[] args) {
        if (e instanceof UnmatchedArgumentException unmatched) {
            return t("usage.unknown", String.join(" ", unmatched.getUnmatched()));
        }
        if (e instanceof MissingParameterException missing) {
            return t("usage.missing", String.join(", ", missing.getMissing().stream().map(ErrorHandler::name).toList()));
        }
        if (e instanceof OverwrittenOptionException twice) {
            return t("usage.twice", name(twice.getOverwritten()));
        }
        if (e.getArgSpec() != null && e.getValue() != null) {
            return badValue(e);
        }
        if (e instanceof MaxValuesExceededException && e.getArgSpec() != null) {
            return t("usage.tooMany", name(e.getArgSpec()));
        }
        return Text.french() ? t("usage.incorrect", String.join(" ", args)) : t("usage.other", e.getMessage());
    }

    /** "invalid value for --smtp-security: 'tls' (one of: starttls, ssl, none)", or what our converter said. */
    private static String badValue(ParameterException e) {
        ArgSpec arg = e.getArgSpec();
        String message = t("usage.badValue", name(arg), e.getValue());
        if (e.getCause() instanceof Refused refused) {
            return message + t("usage.because", refused.getMessage());
        }
        Class<?> type = arg.type();
        if (type.isEnum()) {
            return message + t("usage.oneOf", String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.toString().toLowerCase(java.util.Locale.ROOT)).toList()));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return message + t("usage.wholeNumber");
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return message + t("usage.keyValue", arg.paramLabel());
        }
        return message;
    }

    private static String name(ArgSpec arg) {
        return arg.isOption() ? ((OptionSpec) arg).longestName() : arg.paramLabel();
    }

    /** A value one of bulletin's own converters refused, with the reason in the user's language. */
    static final class Refused extends CommandLine.TypeConversionException {
        Refused(String reason) {
            super(reason);
        }
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
