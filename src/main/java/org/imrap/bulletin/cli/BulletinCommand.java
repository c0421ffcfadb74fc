package org.imrap.bulletin.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.imrap.bulletin.check.CheckService;
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
        usageHelpAutoWidth = true)
public final class BulletinCommand implements Runnable {
    /** The subcommands, in the order the help lists them ({@link Cli} adds them). */
    static final List<Class<?>> SUBCOMMANDS = List.of(InitCommand.class, PreviewCommand.class, SendCommand.class,
            JournalCommand.class, InboxCommand.class, CheckCommand.class, ListsCommand.class, NewsCommand.class,
            LoginCommand.class, CompletionCommand.class, ArchiveCommand.class,
            picocli.CommandLine.HelpCommand.class);

    @Spec
    CommandSpec spec;

    /** The environment: BULLETIN_SMTP_* settings and the password. */
    final Map<String, String> env;

    /** What "today" is: months, journal times, quotas (tests set it). */
    final Clock clock;

    /** What {@code check} checks with: the system's DNS and trust store (tests give their own). */
    final Supplier<CheckService> checks;

    BulletinCommand(Map<String, String> env, Clock clock, Supplier<CheckService> checks) {
        this.env = Map.copyOf(env);
        this.clock = clock;
        this.checks = checks;
    }

    @Option(names = "--workspace", paramLabel = "DIR", scope = ScopeType.INHERIT)
    Path workspace;

    @Option(names = "--lang", paramLabel = "LANG", scope = ScopeType.INHERIT, descriptionKey = "lang",
            converter = Language.class)
    String lang;

    /** {@code fr} or {@code en} (a region may follow: {@code fr_ML}); any other language is a usage error. */
    static final class Language implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (Cli.known(value).isEmpty()) {
                throw new ErrorHandler.Refused(org.imrap.bulletin.Text.t("usage.lang"));
            }
            return value;
        }
    }

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT)
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
