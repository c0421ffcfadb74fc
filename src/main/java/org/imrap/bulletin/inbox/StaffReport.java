package org.imrap.bulletin.inbox;

import static org.imrap.bulletin.Text.t;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.BaseOperator.RunReport;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.compose.ReportMailer;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.mail.Login;
import org.imrap.bulletin.oauth.Logins;

/**
 * The run report to {@code report.to}, checked (and its SMTP password asked for) before anything is
 * changed; mailing it can only warn: the mailbox's requests matter more than the report.
 */
final class StaffReport {
    private final List<String> to;
    private final SmtpSettings smtp;
    private final BulletinSettings settings;
    private final Optional<Login> login;
    private final Workspace workspace;

    private StaffReport(List<String> to, SmtpSettings smtp, BulletinSettings settings, Optional<Login> login,
                        Workspace workspace) {
        this.to = to;
        this.smtp = smtp;
        this.settings = settings;
        this.login = login;
        this.workspace = workspace;
    }

    /** Nobody to mail in a dry run. */
    static StaffReport prepare(InboxRequest request, Settings file, InboxOperator operator, Clock clock) {
        List<String> to = request.mode() == InboxRequest.Mode.DRY_RUN ? List.of() : ReportMailer.reportTo(file);
        SmtpSettings smtp = SmtpSettings.resolve(file, request.env(), SmtpSettings.Overrides.NONE);
        Optional<Login> login = Optional.empty();
        if (!to.isEmpty() && !smtp.isSandbox()) {
            try {
                login = Logins.smtp(smtp, file, request.env(), operator::passwordIfInteractive, clock);
            } catch (BulletinException e) {
                operator.warning(t("inbox.report.noPassword", e.getMessage()));
                to = List.of();
            }
        }
        return new StaffReport(to, smtp, BulletinSettings.from(file), login, request.workspace());
    }

    /** Mailed when the run changed something (a refused request stays in the mailbox: it would repeat every hour). */
    void mailIfChanged(InboxSummary summary, InboxOperator operator, Clock clock) {
        if (summary.dryRun() || summary.honoured() + summary.hard() + summary.soft() == 0) {
            return;
        }
        RunReport report = operator.report(summary);
        ReportMailer.mail(smtp, settings, to, report.subject(), report.text(), login,
                workspace.outDir().resolve("sandbox").resolve("inbox"), clock, operator::warning);
    }
}
