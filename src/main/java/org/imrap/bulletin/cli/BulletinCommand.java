package org.imrap.bulletin.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.imrap.bulletin.config.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code bulletin}: the top command; its options apply to every subcommand. */
@Command(name = "bulletin",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "IMRAP's monthly news bulletin: Markdown news items and CSV lists in, email out.",
            "",
            "Works on a workspace: the folder holding bulletin.properties, found from the current folder "
                    + "upwards (the project's root is a sample one)."
        },
        subcommands = {PreviewCommand.class, SendCommand.class, JournalCommand.class, ListsCommand.class,
            NewsCommand.class, picocli.CommandLine.HelpCommand.class})
public final class BulletinCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** The environment: BULLETIN_SMTP_* settings and the password. */
    final Map<String, String> env;

    /** What "today" is: months, journal times, quotas (tests set it). */
    final Clock clock;

    BulletinCommand(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    @Option(names = "--workspace", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The workspace folder (default: the current folder or the nearest one above it "
                    + "that holds bulletin.properties).")
    Path workspace;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "On an error, also print the Java stack trace (for bug reports).")
    boolean stacktrace;

    /** The workspace the user named, or the one found from the current folder. */
    Workspace workspace() {
        return workspace != null ? Workspace.at(workspace) : Workspace.locate(Path.of(""));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
