package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.Passwords;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.inbox.InboxRequest;
import org.imrap.bulletin.inbox.InboxService;
import org.imrap.bulletin.inbox.InboxSummary;
import org.imrap.bulletin.send.ReportMailer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulletin inbox}: applies the unsubscribe requests and bounces that came back to the mailbox. */
@Command(name = "inbox", sortOptions = false, mixinStandardHelpOptions = true)
final class InboxCommand extends BaseCommand implements Callable<Integer> {

    @Option(names = "--dry-run")
    boolean dryRun;

    @Option(names = "--yes")
    boolean yes;

    @Override
    public Integer call() {
        java.io.Console console = System.console();
        Passwords.Prompt prompt = question -> console == null ? Optional.empty()
                : Optional.ofNullable(console.readPassword("%s", question));
        InboxService service = new InboxService(parent.clock);
        if (!dryRun && !yes) {
            if (console == null) {
                throw new BulletinException(ExitCode.USAGE, t("inbox.noConfirmation"), t("inbox.noConfirmation.hint"));
            }
            InboxSummary preview = service.process(new InboxRequest(parent.workspace(), true, parent.env), prompt);
            lines(preview).forEach(err()::println);
            String answer = console.readLine("%s", t("inbox.confirm"));
            if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes|o|oui")) {
                throw new BulletinException(ExitCode.TEMPORARY_FAILURE, t("inbox.notConfirmed"), null);
            }
        }
        InboxSummary summary = service.process(new InboxRequest(parent.workspace(), dryRun, parent.env), prompt);
        PrintWriter out = out();
        lines(summary).forEach(out::println);
        out.flush();
        if (!dryRun && summary.honoured() + summary.refused().size() + summary.hard() + summary.soft() > 0) {
            report(summary, prompt);
        }
        return 0;
    }

    /** The same summary, mailed to report.to when the run changed something. */
    private void report(InboxSummary summary, Passwords.Prompt prompt) {
        Settings settings = Settings.load(parent.workspace().settingsFile());
        List<String> to = ReportMailer.reportTo(settings);
        if (to.isEmpty()) {
            return;
        }
        SmtpSettings smtp = SmtpSettings.resolve(settings, parent.env, SmtpSettings.Overrides.NONE);
        ReportMailer.mail(smtp, BulletinSettings.from(settings), to,
                t("inbox.report.subject", summary.honoured(), summary.hard() + summary.soft()),
                String.join("\n", lines(summary)) + "\n",
                smtp.isSandbox() ? Optional.empty() : Passwords.smtp(smtp, parent.env, prompt),
                parent.workspace().outDir().resolve("sandbox").resolve("inbox"), parent.clock,
                warning -> err().println(t("warning", warning)));
    }

    static List<String> lines(InboxSummary summary) {
        List<String> lines = new ArrayList<>();
        lines.add(t("inbox.header", summary.mailbox(), summary.messages()));
        summary.actions().forEach(action -> lines.add("  " + action));
        lines.add(t("inbox.requests", summary.honoured(), summary.refused().size()));
        summary.refused().forEach(line -> lines.add("  " + line));
        lines.add(t("inbox.bounces", summary.hard(), summary.soft(), summary.suppressed().size(),
                summary.suppressed().isEmpty() ? "" : " (" + String.join(", ", summary.suppressed()) + ")"));
        lines.add(t("inbox.leftAlone", summary.autoReplies(), summary.other(), summary.seenBefore()));
        if (summary.dryRun()) {
            lines.add(t("inbox.dryRun"));
        }
        return lines;
    }
}
