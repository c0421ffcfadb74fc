package org.imrap.bulletin.inbox;

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
}
