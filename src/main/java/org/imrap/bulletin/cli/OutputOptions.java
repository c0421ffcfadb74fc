package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.nio.file.Path;
import java.util.Optional;
import org.imrap.bulletin.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --quiet} and {@code --log FILE}, for every command cron may run (send, inbox, check, lists,
 * archive), spelt and behaving as send's: {@code --quiet} prints errors only, and a command's results
 * only when it fails; {@code --log} appends every line, timestamped, whatever is shown. Colours follow
 * the terminal ({@link Terminal}: none when NO_COLOR is set or the output is not a terminal).
 */
final class OutputOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--quiet")
    boolean quiet;

    @Option(names = "--log", paramLabel = "FILE")
    Path log;

    /** What a command does, printing through its {@link Output}; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run(Output output);
    }

    /** Runs the work with these options: the log opened first and closed last, an error logged too. */
    int run(Work work) {
        BulletinCommand top = (BulletinCommand) mixee.root().userObject();
        try (LogFile file = log == null ? null : new LogFile(log, top.clock)) {
            Output output = new Output(mixee.commandLine().getOut(), mixee.commandLine().getErr(),
                    Terminal.of(top.env), quiet, Optional.ofNullable(file), top.clock);
            int code;
            try {
                code = work.run(output);
            } catch (RuntimeException e) {
                output.log(t("log.error", e.getMessage()));
                // The command fails: what --quiet held back is shown, as for a failure's exit code.
                output.end(ExitCode.SOFTWARE.code());
                throw e;
            }
            output.end(code);
            return code;
        }
    }
}
