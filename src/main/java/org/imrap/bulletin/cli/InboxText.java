package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.util.ArrayList;
import java.util.List;
import org.imrap.bulletin.BaseOperator.RunReport;
import org.imrap.bulletin.Text;
import org.imrap.bulletin.inbox.InboxSummary;

/** What {@code bulletin inbox} prints: its summary (also the text of the report mailed to staff). */
final class InboxText {
    private InboxText() {
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

    static RunReport report(InboxSummary summary) {
        return new RunReport(t("inbox.report.subject", Text.count(summary.honoured(), "count.unsubscription"),
                Text.count(summary.hard() + summary.soft(), "count.bounce")), String.join("\n", lines(summary)) + "\n");
    }
}
