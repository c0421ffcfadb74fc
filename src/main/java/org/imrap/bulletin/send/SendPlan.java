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
 * @param messageBytes the size of one message as sent (the first person's)
 * @param quota       the quota in force ({@code send.quota}), empty if none
 * @param quotaLeft   messages the quota lets go now, if there is a quota
 * @param ratePerMinute the rate in force ({@code send.rate}), 0 for none
 * @param connections SMTP connections at once; with {@code autoConnections}, the most that may be opened
 * @param autoConnections send.connections=auto: from one, more while they raise the rate
 * @param thisRun     messages this run will send at most (limit and quota considered)
 * @param estimate    how long this run should take, when a rate makes it knowable
 * @param warnings    about the message (size, images)
 * @param attachments the files every message carries, with their sizes
 * @param newsNotices about news files left out: drafts, files of other months, files that are no news item
 */
public record SendPlan(SendMode mode, String campaign, String subject, String server, boolean sandbox, String sender,
                       AudienceReport audience, int alreadySent, int failedBefore, int toSend, OptionalInt limit, Path journal,
                       long messageBytes, String quota, java.util.Optional<Integer> quotaLeft, int ratePerMinute, int connections,
                       boolean autoConnections, int thisRun, java.util.Optional<java.time.Duration> estimate, java.util.List<String> warnings,
                       java.util.List<org.imrap.bulletin.mail.AttachedFile> attachments,
                       java.util.List<org.imrap.bulletin.Problem> newsNotices) {
}
