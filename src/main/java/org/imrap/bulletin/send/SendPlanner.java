package org.imrap.bulletin.send;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.SiteLayout;
import org.imrap.bulletin.journal.JournalState;
import org.imrap.bulletin.mail.MessageBuilder;
import org.imrap.bulletin.mail.Status;
import org.imrap.bulletin.recipients.AudienceReport;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.recipients.RecipientsFolder;
import org.imrap.bulletin.render.RenderedMessage;

/** What a send is about to do ({@link SendPlan}), found before anything is sent. */
final class SendPlanner {
    private SendPlanner() {
    }

    /** Who of the audience the journal holds as sent, or as failed for good (not tried again without --retry-failed). */
    private static final class JournalCounts implements java.util.function.Consumer<Recipient> {
        private final JournalState journal;
        private final boolean retryFailed;
        /** The first person of each list, in list order. */
        final Map<String, Recipient> firstOfList = new java.util.LinkedHashMap<>();
        int alreadySent;
        int failedBefore;

        JournalCounts(JournalState journal, boolean retryFailed) {
            this.journal = journal;
            this.retryFailed = retryFailed;
        }

        @Override
        public void accept(Recipient person) {
            firstOfList.putIfAbsent(person.list(), person);
            Optional<Status> last = journal.lastStatus(person.email());
            if (last.filter(status -> status == Status.SENT).isPresent()) {
                alreadySent++;
            } else if (last.filter(status -> status == Status.FAILED).isPresent() && !retryFailed) {
                failedBefore++;
            }
        }
    }

    /**
     * Reads the audience against the journal, renders once per list (a template that needs a column a list
     * lacks fails now, before anything is sent), and weighs --limit, the quota and the rate.
     */
    static SendPlan plan(Campaign campaign, SendRequest request, JournalState journal, Quota.Usage quotaUsed,
                         Clock clock) {
        JournalCounts counts = new JournalCounts(journal, request.retryFailed());
        AudienceReport report = campaign.audience().read(counts);
        refuseUnreadable(report);
        // Render once per list before anything is sent: a template that needs a column a list lacks fails now.
        String subject = "";
        long messageBytes = 0;
        long htmlBytes = 0;
        for (Recipient person : counts.firstOfList.values()) {
            RenderedMessage rendered = campaign.renderer().render(campaign.news(), person);
            if (subject.isEmpty()) {
                subject = rendered.subject();
                messageBytes = size(campaign.build(person, rendered));
                htmlBytes = campaign.builder().htmlBytes(rendered.html());
            }
        }
        int toSend = report.reached() - counts.alreadySent - counts.failedBefore;
        if (toSend > 0) {
            // Once everyone has it, a typo fixed afterwards concerns nobody: the run says there is nothing to send.
            checkUnchanged(journal, campaign.contentHash(), request.allowChanged());
        }
        SendSettings sending = campaign.sending();
        Optional<Integer> quotaLeft = quotaUsed.leftNow(clock.instant());
        // What frees up within the few minutes a run waits for the quota counts for this run too.
        int quotaSoon = quotaUsed.leftNow(clock.instant().plus(Dispatcher.QUOTA_WAIT)).orElse(Integer.MAX_VALUE);
        int thisRun = Math.min(toSend, Math.min(request.limit().orElse(Integer.MAX_VALUE), quotaSoon));
        Optional<Duration> estimate = sending.ratePerMinute() > 0
                ? Optional.of(sending.interval().multipliedBy(Math.max(0, thisRun - 1))) : Optional.empty();
        List<String> warnings = new ArrayList<>(campaign.builder().warnings());
        // Gmail clips a message whose HTML passes about 102 KB; the images it carries do not count.
        if (htmlBytes > MessageBuilder.GMAIL_CLIPS) {
            warnings.add(t("plan.htmlClipped", MessageBuilder.kilobytes(htmlBytes)));
        }
        YearMonth month = campaign.news().month();
        campaign.settings().archive().pageUrl(month).ifPresent(url -> {
            Path page = SiteLayout.page(request.workspace(), month);
            if (!java.nio.file.Files.isRegularFile(page)) {
                warnings.add(t("plan.archiveMissing", url, request.workspace().root().relativize(page), month));
            }
        });
        return SendPlan.builder(request.mode(), campaign.name())
                .message(subject, messageBytes)
                .server(campaign.smtp().describe(), campaign.smtp().isSandbox())
                .sender(campaign.settings().sender().email())
                .audience(report)
                .alreadySent(counts.alreadySent)
                .failedBefore(counts.failedBefore)
                .toSend(toSend)
                .limit(request.limit())
                .journal(campaign.journalPath())
                .quota(quotaUsed.describe(), quotaLeft)
                .ratePerMinute(sending.ratePerMinute())
                .connections(Math.min(sending.connections(), thisRun), sending.connectionChoice())
                .thisRun(thisRun)
                .estimate(estimate)
                .warnings(warnings)
                .attachments(campaign.builder().attachments())
                .newsNotices(campaign.news().notices())
                .build();
    }

    private static long size(MimeMessage message) {
        ByteCount count = new ByteCount();
        try {
            message.writeTo(count);
        } catch (java.io.IOException | MessagingException e) {
            return 0;
        }
        return count.bytes;
    }

    /** Counts what is written to it, and keeps none of it. */
    private static final class ByteCount extends java.io.OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    /** A list, or the suppression list, that cannot be read whole would make people vanish or be mailed wrongly. */
    private static void refuseUnreadable(AudienceReport report) {
        if (report.hasUnreadableList()) {
            throw new BadDataException(t("send.listUnreadable"),
                    new ArrayList<>(report.problems()),
                    t("send.listUnreadable.hint"));
        }
        if (report.suppressionUnreadable()) {
            throw new BadDataException(t("send.suppressionUnreadable"),
                    new ArrayList<>(report.suppressionProblems()),
                    t("send.suppressionUnreadable.hint", RecipientsFolder.SUPPRESSION_FILE));
        }
    }

    private static void checkUnchanged(JournalState journal, String contentHash, boolean allowChanged) {
        int earlier = journal.sentByContent().entrySet().stream()
                .filter(entry -> !entry.getKey().equals(contentHash)).mapToInt(Map.Entry::getValue).sum();
        if (earlier > 0 && !allowChanged) {
            throw new BulletinException(ExitCode.DATA_ERROR, org.imrap.bulletin.Text.count(earlier, "send.changed"), t("send.changed.hint"));
        }
    }
}
