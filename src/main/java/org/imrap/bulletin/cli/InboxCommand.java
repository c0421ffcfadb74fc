package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.Text;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.InboxSettings;
import org.imrap.bulletin.config.Passwords;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.inbox.InboxRequest;
import org.imrap.bulletin.inbox.InboxService;
import org.imrap.bulletin.inbox.InboxSummary;
import org.imrap.bulletin.mail.Login;
import org.imrap.bulletin.oauth.Logins;
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
        Settings file = Settings.load(parent.workspace().settingsFile());
        // A missing or wrong inbox.* setting is the first thing to fix: said before anything else.
        InboxSettings inbox = InboxSettings.resolve(file, parent.env);
        if (!dryRun && !yes && console == null) {
            throw new BulletinException(ExitCode.USAGE, t("inbox.noConfirmation"), t("inbox.noConfirmation.hint"));
        }
        Report report = prepareReport(file, prompt);
        Optional<Login> login = Logins.inbox(inbox, file, parent.env, prompt, parent.clock);
        InboxService service = new InboxService(parent.clock, warning -> err().println(t("warning", warning)));
        Optional<java.util.Set<String>> only = Optional.empty();
        if (!dryRun && !yes) {
            InboxSummary preview = service.process(new InboxRequest(parent.workspace(), true, parent.env, login,
                    Optional.empty()));
            lines(preview).forEach(err()::println);
            String answer = console.readLine("%s", t("inbox.confirm"));
            if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes|o|oui")) {
                throw new BulletinException(ExitCode.TEMPORARY_FAILURE, t("inbox.notConfirmed"), null);
            }
            only = Optional.of(preview.handledIds());
        }
        InboxSummary summary = service.process(new InboxRequest(parent.workspace(), dryRun, parent.env, login, only));
        PrintWriter out = out();
        lines(summary).forEach(out::println);
        out.flush();
        // Mailed when the run changed something (a refused request stays in the mailbox: it would repeat every hour).
        if (!dryRun && summary.honoured() + summary.hard() + summary.soft() > 0) {
            report.send(summary);
        }
        return 0;
    }

    private Report prepareReport(Settings file, Passwords.Prompt prompt) {
        List<String> to = dryRun ? List.of() : ReportMailer.reportTo(file);
        SmtpSettings smtp = SmtpSettings.resolve(file, parent.env, SmtpSettings.Overrides.NONE);
        Optional<Login> login = Optional.empty();
        if (!to.isEmpty() && !smtp.isSandbox()) {
            try {
                login = Logins.smtp(smtp, file, parent.env, prompt, parent.clock);
            } catch (BulletinException e) {
                // The mailbox's requests matter more than the report: they are applied all the same.
                err().println(t("warning", t("inbox.report.noPassword", e.getMessage())));
                to = List.of();
            }
        }
        return new Report(to, smtp, BulletinSettings.from(file), login);
    }

    /** The run report to report.to, checked before anything is changed; sending it can only warn. */
    private final class Report {
        private final List<String> to;
        private final SmtpSettings smtp;
        private final BulletinSettings settings;
        private final Optional<Login> login;

        private Report(List<String> to, SmtpSettings smtp, BulletinSettings settings, Optional<Login> login) {
            this.to = to;
            this.smtp = smtp;
            this.settings = settings;
            this.login = login;
        }

        void send(InboxSummary summary) {
            ReportMailer.mail(smtp, settings, to,
                    t("inbox.report.subject", Text.count(summary.honoured(), "count.unsubscription"),
                            Text.count(summary.hard() + summary.soft(), "count.bounce")),
                    String.join("\n", lines(summary)) + "\n", login,
                    parent.workspace().outDir().resolve("sandbox").resolve("inbox"), parent.clock,
                    warning -> err().println(t("warning", warning)));
        }
    }


    static List<String> lines(InboxSummary summary) {
        List<String> lines = new ArrayList<>();
        lines.add(t("inbox.header", summary.mailbox(), Text.count(summary.messages(), "count.message")));
        summary.actions().forEach(action -> lines.add("  " + action));
        lines.add(t("inbox.requests", summary.honoured(), summary.refused().size()));
        summary.refused().forEach(line -> lines.add("  " + line));
        lines.add(t("inbox.bounces", Text.count(summary.hard(), "count.permanent"), Text.count(summary.soft(), "count.temporary"), summary.suppressed().size(),
                summary.suppressed().isEmpty() ? "" : " (" + String.join(", ", summary.suppressed()) + ")"));
        lines.add(t("inbox.leftAlone", Text.count(summary.autoReplies(), "count.autoReply"),
                Text.count(summary.other(), "count.otherMessage"), Text.count(summary.seenBefore(), "count.handledBefore")));
        if (summary.dryRun()) {
            lines.add(t("inbox.dryRun"));
        }
        return lines;
    }
}
