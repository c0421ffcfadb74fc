package org.imrap.bulletin.cli;

import java.util.ArrayList;
import java.util.List;
import org.imrap.bulletin.send.SendMode;
import org.imrap.bulletin.send.SendPlan;
import org.imrap.bulletin.send.SendSummary;

/** How a send's plan and summary read. */
final class SendText {
    private SendText() {
    }

    static List<String> plan(SendPlan plan) {
        List<String> lines = new ArrayList<>();
        lines.add("Campaign " + plan.campaign() + ": \"" + plan.subject() + "\"");
        lines.add("From " + plan.sender() + " via " + plan.server());
        lines.add(AudienceText.oneLine(plan.audience()));
        List<String> several = plan.audience().onSeveralLists().entrySet().stream()
                .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")").toList();
        if (!several.isEmpty()) {
            lines.add("  on several lists, one message each: " + String.join("; ", first(several)));
        }
        for (org.imrap.bulletin.Problem problem : first(plan.audience().problems())) {
            lines.add("  left out: " + problem.describe(java.nio.file.Path.of("").toAbsolutePath()));
        }
        String limit = plan.limit().isPresent() && plan.limit().getAsInt() < plan.toSend()
                ? " (at most " + plan.limit().getAsInt() + " in this run)" : "";
        lines.add("Already sent in this campaign: " + plan.alreadySent()
                + (plan.failedBefore() > 0 ? "; failed before (not retried without --retry-failed): "
                        + plan.failedBefore() : "")
                + "; left to send: " + plan.toSend() + limit);
        lines.add("Message size: " + Math.max(1, (plan.messageBytes() + 512) / 1024) + " KB"
                + "; rate: " + (plan.ratePerMinute() > 0 ? plan.ratePerMinute() + "/min" : "no limit")
                + "; quota: " + (plan.quota().isEmpty() ? "none" : plan.quota() + " (" + plan.quotaLeft().orElse(0)
                        + " may go now)"));
        if (plan.toSend() > 0) {
            lines.add("This run: " + plan.thisRun() + " message" + (plan.thisRun() == 1 ? "" : "s")
                    + plan.estimate().map(d -> ", about " + duration(d)).orElse(", as fast as the server takes them")
                    + (plan.thisRun() < plan.toSend() ? "; the rest in later runs" : ""));
        }
        if (plan.mode() != SendMode.DRY_RUN) {
            lines.add("Journal: " + Paths.shown(plan.journal()));
        }
        return lines;
    }

    static List<String> summary(SendSummary summary) {
        List<String> lines = new ArrayList<>();
        if (summary.mode() == SendMode.DRY_RUN) {
            lines.add("Dry run: " + AudienceText.plural(summary.rendered(), "message") + " rendered; nothing sent, "
                    + "no journal written.");
            return lines;
        }
        if (summary.mode() == SendMode.TEST) {
            lines.add(summary.sent() == 1 ? "Test message sent (not journaled)."
                    : "Test message not sent (not journaled).");
        } else if (summary.rendered() == 0 && summary.left() == 0 && summary.stopReason().isEmpty()) {
            return List.of(summary.failedBefore() == 0
                    ? "Nothing to send: everyone in the audience already has the " + summary.campaign() + " bulletin"
                            + " (" + summary.skipped() + ")."
                    : "Nothing to send: " + summary.skipped() + " already have the " + summary.campaign()
                            + " bulletin; " + summary.failedBefore() + " failed for good earlier (fix their "
                            + "addresses, then use --retry-failed; 'bulletin journal' lists them).");
        } else {
            lines.add("Sent " + summary.sent() + ", failed " + summary.failed().size() + ", deferred "
                    + summary.deferred().size() + "; " + summary.skipped() + " already had it; "
                    + summary.suppressed() + " unsubscribed (not sent)"
                    + (summary.invalidRows() > 0 ? "; " + AudienceText.plural(summary.invalidRows(), "invalid row")
                    + " left out (see 'bulletin lists check')" : "") + ".");
        }
        outcomes(lines, "Failed (the server refused for good; fix the address, then send with --retry-failed)",
                summary.failed());
        outcomes(lines, "Deferred (running the same command again retries them)", summary.deferred());
        summary.stopReason().ifPresent(reason -> lines.add("Stopped early: " + reason));
        if (summary.left() > 0) {
            lines.add("Left for the next run: " + summary.left() + " (run the same command again to continue).");
        }
        summary.journal().ifPresent(journal -> lines.add("Journal: " + Paths.shown(journal)));
        summary.sandboxDir().ifPresent(dir -> lines.add("Sandbox: nothing left this machine; "
                + AudienceText.plural(summary.sandboxMessages(), "message") + " written to " + Paths.shown(dir)));
        if (summary.mode() == SendMode.SEND && summary.exitCode().code() == 0) {
            lines.add(summary.invalidRows() == 0 ? "Everyone in the audience has the bulletin."
                    : "Everyone reachable has the bulletin; " + AudienceText.plural(summary.invalidRows(), "invalid row")
                            + " could not be used ('bulletin lists check').");
        }
        return lines;
    }

    /** At most ten, and a line saying how many more. */
    private static <T> List<T> first(List<T> items) {
        return items.size() <= 10 ? items : items.subList(0, 10);
    }

    /** "about 2 min", "about 40 s", "about 3 h 20 min". */
    static String duration(java.time.Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 90) {
            return seconds + " s";
        }
        long minutes = (seconds + 30) / 60;
        return minutes < 90 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }

    /** The run report mailed to report.to: the summary, and what happens next. */
    static org.imrap.bulletin.send.Operator.RunReport report(SendSummary summary) {
        String subject = "[bulletin] " + summary.campaign() + ": " + summary.sent() + " sent, "
                + summary.failed().size() + " failed, " + summary.deferred().size() + " deferred"
                + (summary.left() > 0 ? ", " + summary.left() + " left" : "");
        List<String> lines = new ArrayList<>(summary(summary));
        lines.add("");
        lines.add(switch (summary.exitCode()) {
            case OK -> "Next: nothing; this campaign is complete.";
            case TEMPORARY_FAILURE -> "Next: the next run (cron, or the same command) sends to those left and retries "
                    + "the deferred; nobody gets it twice.";
            default -> "Next: fix the failed addresses in the lists, then run send with --retry-failed.";
        });
        return new org.imrap.bulletin.send.Operator.RunReport(subject, String.join("\n", lines) + "\n");
    }

    private static void outcomes(List<String> lines, String title, List<SendSummary.Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        lines.add(title + ":");
        outcomes.forEach(outcome -> lines.add("  " + outcome.email() + " (" + outcome.list() + "): " + outcome.reply()));
    }
}
