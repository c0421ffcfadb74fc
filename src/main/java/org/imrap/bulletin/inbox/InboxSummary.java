package org.imrap.bulletin.inbox;

import java.util.List;

/**
 * What an inbox run found and did.
 *
 * @param honoured    unsubscribe requests applied (or already applied)
 * @param refused     unsubscribe requests refused as not authentic ("address (sent from …)")
 * @param hard        permanent bounces recorded
 * @param soft        temporary bounces recorded
 * @param suppressed  addresses put on the suppression list because of their bounces
 * @param autoReplies automatic replies, left alone
 * @param other       other messages, left alone
 * @param seenBefore  messages handled by an earlier run
 * @param actions     one line per thing done (or, in a dry run, that would be done)
 */
public record InboxSummary(boolean dryRun, String mailbox, int messages, int honoured, List<String> refused, int hard,
                           int soft, List<String> suppressed, int autoReplies, int other, int seenBefore,
                           List<String> actions) {
}
