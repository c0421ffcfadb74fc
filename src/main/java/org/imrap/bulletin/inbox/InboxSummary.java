package org.imrap.bulletin.inbox;

import static org.imrap.bulletin.Text.t;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an inbox run found and did.
 *
 * @param honoured    unsubscribe requests applied (or already applied)
 * @param refused     unsubscribe requests refused as not authentic, left in the mailbox
 * @param hard        permanent bounces recorded
 * @param soft        temporary bounces recorded
 * @param suppressed  addresses put on the suppression list because of their bounces
 * @param autoReplies automatic replies, left alone
 * @param other       other messages (unreadable ones and reports about addresses bulletin never sent to
 *                    included), left alone
 * @param seenBefore  messages handled by an earlier run
 * @param actions     one line per thing done (or, in a dry run, that would be done)
 * @param handledIds  the messages this run acted on (for a confirmation to apply exactly those)
 */
public record InboxSummary(boolean dryRun, String mailbox, int messages, int honoured, List<String> refused, int hard,
                           int soft, List<String> suppressed, int autoReplies, int other, int seenBefore,
                           List<String> actions, Set<String> handledIds) {

    /** The counts of a pass's outcomes, one per message, in the mailbox's order. */
    static InboxSummary of(boolean dryRun, String mailbox, List<Outcome> outcomes, Set<String> handledIds) {
        int honoured = 0;
        int hard = 0;
        int soft = 0;
        int autoReplies = 0;
        int other = 0;
        int seenBefore = 0;
        List<String> refused = new ArrayList<>();
        List<String> suppressed = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.Applied applied) {
                actions.add(t("inbox.actionLine", applied.kind(), applied.email(), applied.action()));
            }
            if (outcome instanceof Outcome.Unsubscribed) {
                honoured++;
            } else if (outcome instanceof Outcome.AboutBounce bounce) {
                if (bounce.bounce().permanent()) {
                    hard++;
                } else {
                    soft++;
                }
                if (bounce instanceof Outcome.Bounced bounced
                        && bounced.suppression().filter(s -> s == Outcome.Suppression.UNSUBSCRIBED).isPresent()) {
                    suppressed.add(bounced.email());
                }
            } else if (outcome instanceof Outcome.Refused asked) {
                refused.add(t("inbox.refusedLine", asked.email(), asked.from()));
            } else if (outcome instanceof Outcome.AutoReply) {
                autoReplies++;
            } else if (outcome instanceof Outcome.HandledBefore) {
                seenBefore++;
            } else {
                other++;
            }
        }
        return new InboxSummary(dryRun, mailbox, outcomes.size(), honoured, refused, hard, soft, suppressed,
                autoReplies, other, seenBefore, actions, handledIds);
    }
}
