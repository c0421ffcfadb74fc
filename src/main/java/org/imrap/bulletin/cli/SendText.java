package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.imrap.bulletin.Printable;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.Text;
import org.imrap.bulletin.mail.AttachedFile;
import org.imrap.bulletin.mail.MessageBuilder;
import org.imrap.bulletin.send.Operator;
import org.imrap.bulletin.send.SendMode;
import org.imrap.bulletin.send.SendPlan;
import org.imrap.bulletin.send.SendSummary;

/** How a send's plan, summary and run report read. */
final class SendText {
    private SendText() {
    }

    static List<String> plan(SendPlan plan) {
        List<String> lines = new ArrayList<>();
        lines.add(t("plan.campaign", plan.campaign(), plan.subject()));
        lines.add(t("plan.from", plan.sender(), plan.server()));
        lines.add(AudienceText.oneLine(plan.audience()));
        List<String> several = plan.audience().onSeveralLists().entrySet().stream()
                .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")").toList();
        if (!several.isEmpty()) {
            lines.add(t("plan.severalLists", String.join("; ", first(several))));
        }
        for (Problem problem : first(plan.audience().problems())) {
            lines.add(t("plan.leftOut", problem.describe(Path.of("").toAbsolutePath())));
        }
        String limit = plan.limit().isPresent() && plan.limit().getAsInt() < plan.toSend()
                ? t("plan.limit", plan.limit().getAsInt()) : "";
        String failedBefore = plan.failedBefore() > 0 ? t("plan.failedBefore", plan.failedBefore()) : "";
        lines.add(t("plan.progress", plan.alreadySent(), failedBefore, plan.toSend(), limit));
        String rate = plan.ratePerMinute() > 0 ? t("plan.rate", plan.ratePerMinute()) : t("plan.noRate");
        String quota = plan.quota().isEmpty() ? t("plan.noQuota")
                : t("plan.quota", plan.quota(), plan.quotaLeft().orElse(0));
        lines.add(t("plan.size", MessageBuilder.kilobytes(plan.messageBytes()), rate, quota,
                plan.autoConnections() ? t("plan.connectionsAuto", plan.connections()) : plan.connections()));
        for (AttachedFile attached : plan.attachments()) {
            String shown = Paths.shown(attached.file());
            if (!attached.realPath().equals(attached.file().toAbsolutePath().normalize())) {
                shown += " → " + attached.realPath();  // a link named explicitly: say what travels
            }
            lines.add(t("plan.attachment", shown, MessageBuilder.kilobytes(attached.bytes())));
        }
        if (plan.toSend() > 0) {
            String time = plan.estimate().map(d -> t("plan.estimate", duration(d))).orElse(t("plan.noEstimate"));
            String rest = plan.thisRun() < plan.toSend() ? t("plan.rest") : "";
            lines.add(t("plan.thisRun", Text.count(plan.thisRun(), "count.message"), time, rest));
        }
        if (plan.mode() != SendMode.DRY_RUN) {
            lines.add(t("plan.journal", Paths.shown(plan.journal())));
        }
        return lines;
    }

    static List<String> summary(SendSummary summary) {
        List<String> lines = new ArrayList<>();
        if (summary.mode() == SendMode.DRY_RUN) {
            lines.add(t("summary.dryRun", Text.count(summary.rendered(), "count.rendered")));
            return lines;
        }
        if (summary.noNews().isPresent()) {
            return List.of(t("summary.noNewsAgain", summary.campaign(),
                    summary.noNews().get().atZone(java.time.ZoneId.systemDefault()).toLocalDate()));
        }
        if (summary.mode() == SendMode.TEST) {
            lines.add(t(summary.sent() == 1 ? "summary.testSent" : "summary.testNotSent"));
        } else if (summary.rendered() == 0 && summary.left() == 0 && summary.stopReason().isEmpty()) {
            return List.of(summary.failedBefore() == 0
                    ? t("summary.nothingToSend", summary.campaign(), summary.skipped())
                    : t("summary.nothingToSendButFailed", Text.count(summary.skipped(), "count.haveIt"), summary.campaign(),
                            summary.failedBefore()));
        } else {
            String invalid = summary.invalidRows() > 0
                    ? t("summary.invalidRows", Text.count(summary.invalidRows(), "count.invalidRowLeftOut")) : "";
            lines.add(t("summary.counts", summary.sent(), summary.failed().size(), summary.deferred().size(),
                    Text.count(summary.skipped(), "count.hadIt"), Text.count(summary.suppressed(), "count.unsubscribedNotSent"),
                    invalid));
        }
        outcomes(lines, t("summary.failedTitle"), summary.failed());
        outcomes(lines, t("summary.deferredTitle"), summary.deferred());
        summary.connections().ifPresent(lines::add);
        summary.stopReason().ifPresent(reason -> lines.add(t("summary.stopped", reason)));
        if (summary.left() > 0) {
            lines.add(t("summary.left", summary.left()));
        }
        summary.journal().ifPresent(journal -> lines.add(t("plan.journal", Paths.shown(journal))));
        summary.sandboxDir().ifPresent(dir -> lines.add(t("summary.sandbox",
                Text.count(summary.sandboxMessages(), "count.written"), Paths.shown(dir))));
        if (summary.mode() == SendMode.SEND && summary.exitCode().code() == 0) {
            lines.add(summary.invalidRows() == 0 ? t("summary.everyone")
                    : t("summary.everyoneReachable", Text.count(summary.invalidRows(), "count.rowUnusable")));
        }
        return lines;
    }

    /** At most ten. */
    private static <T> List<T> first(List<T> items) {
        return items.size() <= 10 ? items : items.subList(0, 10);
    }

    /** "40 s", "2 min", "3 h 20 min". */
    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 90) {
            return seconds + " s";
        }
        long minutes = (seconds + 30) / 60;
        return minutes < 90 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }

    /** The run report mailed to report.to: the summary, and what happens next. */
    static Operator.RunReport report(SendSummary summary) {
        String left = summary.left() > 0 ? t("report.left", Text.count(summary.left(), "count.left")) : "";
        String subject = t("report.subject", summary.campaign(), Text.count(summary.sent(), "count.sent"),
                summary.failed().size(), Text.count(summary.deferred().size(), "count.deferred"), left);
        List<String> lines = new ArrayList<>(summary(summary));
        lines.add("");
        lines.add(switch (summary.exitCode()) {
            case OK -> t("report.next.done");
            case TEMPORARY_FAILURE -> t("report.next.again");
            default -> t("report.next.fix");
        });
        return new Operator.RunReport(subject, String.join("\n", lines) + "\n");
    }

    private static void outcomes(List<String> lines, String title, List<SendSummary.Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        lines.add(title);
        outcomes.forEach(outcome -> lines.add(Printable.escape("  " + outcome.email() + " (" + outcome.list() + "): "
                + outcome.reply())));
    }
}
