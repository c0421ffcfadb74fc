package org.imrap.bulletin.inbox;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.imrap.bulletin.config.InboxSettings;
import org.imrap.bulletin.config.Workspace;

/**
 * One pass over the messages of the folder read: what each one is ({@link Classifier}), what is done with
 * it ({@link Outcome}), and the note of it in {@code journal/inbox.csv}. Moving the handled messages is
 * left to the caller, once every message is applied and noted.
 */
final class MailboxPass {
    /** Larger messages are not what bulletin looks for (and would cost memory): left alone. */
    static final int MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

    private final InboxSettings inbox;
    private final boolean dryRun;
    private final Optional<Set<String>> only;
    private final Classifier classifier;
    private final Consumer<String> warnings;
    private final MessageIds ids;
    private final HandledLog log;
    private final BounceLog bounces;
    private final SuppressionList suppressions;
    private final SentMessages sent;
    private final List<Outcome> outcomes = new ArrayList<>();
    private final Set<String> handledIds = new HashSet<>();
    private final List<Message> handledBefore = new ArrayList<>();
    private final List<Message> handledNow = new ArrayList<>();

    /**
     * @param only apply only to these messages (those a person confirmed), if given
     */
    MailboxPass(Workspace workspace, InboxSettings inbox, boolean dryRun, Optional<Set<String>> only,
                Classifier classifier, Clock clock, Consumer<String> warnings) {
        this.inbox = inbox;
        this.dryRun = dryRun;
        this.only = only;
        this.classifier = classifier;
        this.warnings = warnings;
        this.ids = new MessageIds();
        this.log = new HandledLog(workspace, clock);
        this.bounces = new BounceLog(workspace, clock);
        this.suppressions = new SuppressionList(workspace, clock);
        this.sent = SentMessages.read(workspace.journalDir());
    }

    /** True when the message is worth fetching whole: not handled before, not too large. */
    boolean wanted(Folder folder, MimeMessage message) throws MessagingException {
        return !log.contains(ids.of(folder, message)) && message.getSize() <= MAX_MESSAGE_BYTES;
    }

    void handle(Folder folder, MimeMessage message) throws MessagingException {
        String id = ids.of(folder, message);
        if (log.contains(id)) {
            handledBefore.add(message);
            outcomes.add(new Outcome.HandledBefore());
            return;
        }
        Outcome outcome = message.getSize() > MAX_MESSAGE_BYTES || only.map(confirmed -> !confirmed.contains(id)).orElse(false)
                ? new Outcome.LeftAlone() : apply(id, message);
        outcomes.add(outcome);
        if (outcome instanceof Outcome.Applied applied) {
            handledIds.add(id);
            if (!dryRun) {
                log.note(id, applied);
                handledNow.add(message);
            }
        }
    }

    private Outcome apply(String id, MimeMessage message) throws MessagingException {
        Finding finding;
        try {
            // The whole message was fetched in one command: everything is read locally from here.
            finding = classifier.classify(new MimeMessage(message));
        } catch (MessagingException | IOException | RuntimeException e) {
            warnings.accept(t("inbox.unreadable", e.getMessage()));
            return new Outcome.LeftAlone();
        }
        if (finding instanceof Finding.Unsubscribe asked && asked.authentic()) {
            return new Outcome.Unsubscribed(asked.email(), dryRun ? Outcome.Suppression.WOULD_UNSUBSCRIBE
                    : suppressions.add(asked.email(), SuppressionList.REQUESTED));
        }
        if (finding instanceof Finding.Unsubscribe asked) {
            return new Outcome.Refused(asked.email(), fromOf(message));
        }
        if (finding instanceof Finding.Bounce bounce) {
            Optional<String> campaign = sent.campaignOf(bounce);
            if (campaign.isEmpty()) {
                warnings.accept(t("inbox.notOurs", bounce.email()));
                return new Outcome.LeftAlone();
            }
            return dryRun ? new Outcome.WouldRecord(bounce) : bounced(id, bounce, campaign.get());
        }
        if (finding instanceof Finding.AutoReply) {
            return new Outcome.AutoReply();
        }
        return new Outcome.LeftAlone();
    }

    /** Records the bounce and suppresses the address past the thresholds. */
    private Outcome bounced(String id, Finding.Bounce bounce, String campaign) {
        bounces.record(id, bounce, campaign);
        if (!bounces.count(bounce.email()).reaches(inbox.hardBounces(), inbox.softBounces())) {
            return new Outcome.Bounced(bounce, Optional.empty());
        }
        return new Outcome.Bounced(bounce, Optional.of(suppressions.add(bounce.email(), SuppressionList.reason(bounce))));
    }

    private static String fromOf(MimeMessage message) throws MessagingException {
        return message.getFrom() == null || message.getFrom().length == 0 ? "?" : message.getFrom()[0].toString();
    }

    /** Messages this pass acted on (none in a dry run). */
    List<Message> handledNow() {
        return handledNow;
    }

    /** Messages an earlier run (or this one, for a duplicate) acted on. */
    List<Message> handledBefore() {
        return handledBefore;
    }

    InboxSummary summary() {
        return InboxSummary.of(dryRun, inbox.describe(), outcomes, handledIds);
    }
}
