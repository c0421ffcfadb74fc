package org.imrap.bulletin.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Security;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.send.SendMode;
import org.imrap.bulletin.send.SendRequest;
import org.imrap.bulletin.send.SendService;
import org.imrap.bulletin.send.SendSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulletin send}: sends the bulletin, each person once per campaign, journaling every outcome. */
@Command(name = "send", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Send a month's bulletin to the people on the lists, each once per campaign. Every outcome is written "
                    + "to journal/<campaign>.csv before the next message goes; running the same command again "
                    + "(after a crash, a cut connection, a quota) sends only to those not yet sent to.",
            "With smtp.host=sandbox the messages go to an embedded server and are written to out/sandbox/: "
                    + "nothing leaves the machine.",
            "Exit codes: 0 everyone has it, 75 some deferred or left (run again), 65 permanent failures, "
                    + "69 server unreachable, 77 login refused, 73 journal not writable."
        })
final class SendCommand extends BaseCommand implements Callable<Integer> {

    @Mixin
    MonthOption month;

    @Mixin
    AudienceOption audience;

    @Option(names = "--dry-run", description = "Show the plan and render every message; send nothing, write no journal.")
    boolean dryRun;

    @Option(names = "--test-to", paramLabel = "EMAIL",
            description = "Send one message, rendered for the first person, to EMAIL with the subject "
                    + "prefixed [TEST]; journal nothing.")
    String testTo;

    @Option(names = "--yes", description = "Confirm without a question (for scripts and cron).")
    boolean yes;

    @Option(names = "--limit", paramLabel = "N", description = "Send at most N messages in this run.")
    Integer limit;

    @Option(names = "--campaign", paramLabel = "NAME", description = "The journal's name (default: the month).")
    String campaign;

    @Option(names = "--allow-changed",
            description = "Send even though the bulletin changed since earlier sends in the campaign.")
    boolean allowChanged;

    @Option(names = "--retry-failed",
            description = "Send again to people whose message failed for good in an earlier run "
                    + "(once their address is fixed).")
    boolean retryFailed;

    @Option(names = "--smtp-host", paramLabel = "HOST", description = "SMTP server (else BULLETIN_SMTP_HOST, else smtp.host).")
    String smtpHost;

    @Option(names = "--smtp-port", paramLabel = "PORT", description = "SMTP port (else BULLETIN_SMTP_PORT, else smtp.port).")
    Integer smtpPort;

    @Option(names = "--smtp-security", paramLabel = "MODE",
            description = "starttls, ssl or none (else BULLETIN_SMTP_SECURITY, else smtp.security).")
    Security smtpSecurity;

    @Option(names = "--smtp-username", paramLabel = "USER",
            description = "SMTP login (else BULLETIN_SMTP_USERNAME, else smtp.username).")
    String smtpUsername;

    @Option(names = "--attach", paramLabel = "FILE",
            description = "Attach this file to every message, besides attachments= (repeatable).")
    java.util.List<java.nio.file.Path> attach = new java.util.ArrayList<>();

    @Option(names = "--debug-smtp", description = "Show the SMTP conversation on standard error (never the password).")
    boolean debugSmtp;

    @Override
    public Integer call() {
        if (dryRun && testTo != null) {
            throw new BulletinException(ExitCode.USAGE, "--dry-run and --test-to cannot be used together",
                    "--dry-run sends nothing; --test-to sends one test message");
        }
        if (limit != null && limit < 0) {
            throw new BulletinException(ExitCode.USAGE, "--limit must be 0 or more", null);
        }
        SendMode mode = dryRun ? SendMode.DRY_RUN : testTo != null ? SendMode.TEST : SendMode.SEND;
        SendRequest request = new SendRequest(parent.workspace(), month.month(), audience.lists(), mode,
                Optional.ofNullable(testTo), limit == null ? OptionalInt.empty() : OptionalInt.of(limit),
                Optional.ofNullable(campaign), allowChanged, retryFailed, yes,
                new SmtpSettings.Overrides(smtpHost, smtpPort, smtpSecurity, smtpUsername), parent.env, debugSmtp,
                attach);
        PrintWriter err = err();
        SendSummary summary = new SendService(Clock.systemDefaultZone(), duration -> Thread.sleep(duration.toMillis()))
                .send(request, new ConsoleOperator(err, System.console()));
        PrintWriter out = out();
        SendText.summary(summary).forEach(out::println);
        out.flush();
        return summary.exitCode().code();
    }
}
