package org.imrap.bulletin.send;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.imrap.bulletin.recipients.AudienceReport;

/**
 * What a send is about to do.
 *
 * @param subject     the subject as the first person will see it
 * @param server      where messages go, as people read it
 * @param sender      the From address
 * @param audience    the lists as read: people per list, duplicates, unsubscribed, invalid rows
 * @param alreadySent people of the audience the journal holds as sent in this campaign
 * @param failedBefore people whose last outcome was a permanent failure, not tried again without --retry-failed
 * @param toSend      people left to send to
 * @param limit       at most this many in this run, if set
 */
public record SendPlan(SendMode mode, String campaign, String subject, String server, boolean sandbox, String sender,
                       AudienceReport audience, int alreadySent, int failedBefore, int toSend, OptionalInt limit, Path journal) {
}
