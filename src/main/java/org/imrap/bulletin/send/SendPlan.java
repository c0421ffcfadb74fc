package org.imrap.bulletin.send;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.mail.AttachedFile;
import org.imrap.bulletin.recipients.AudienceReport;

/**
 * What a send is about to do. Built with {@link #builder}, which names each value.
 *
 * @param subject     the subject as the first person will see it
 * @param server      where messages go, as people read it
 * @param sandbox     the messages go to the sandbox, not to a server
 * @param sender      the From address
 * @param audience    the lists as read: people per list, duplicates, unsubscribed, invalid rows
 * @param alreadySent people of the audience the journal holds as sent in this campaign
 * @param failedBefore people whose last outcome was a permanent failure, not tried again without --retry-failed
 * @param toSend      people left to send to
 * @param limit       at most this many in this run, if set
 * @param journal     the journal of the campaign
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
                       long messageBytes, String quota, Optional<Integer> quotaLeft, int ratePerMinute, int connections,
                       boolean autoConnections, int thisRun, Optional<Duration> estimate, List<String> warnings,
                       List<AttachedFile> attachments, List<Problem> newsNotices) {

    /** A plan of a {@code mode} run of {@code campaign}; what is not set is zero or empty. */
    static Builder builder(SendMode mode, String campaign) {
        return new Builder(mode, campaign);
    }

    /** The values of a plan, each set by name; see the record's components for what they mean. */
    static final class Builder {
        private final SendMode mode;
        private final String campaign;
        private String subject = "";
        private String server = "";
        private boolean sandbox;
        private String sender = "";
        private AudienceReport audience;
        private int alreadySent;
        private int failedBefore;
        private int toSend;
        private OptionalInt limit = OptionalInt.empty();
        private Path journal;
        private long messageBytes;
        private String quota = "";
        private Optional<Integer> quotaLeft = Optional.empty();
        private int ratePerMinute;
        private int connections = 1;
        private boolean autoConnections;
        private int thisRun;
        private Optional<Duration> estimate = Optional.empty();
        private List<String> warnings = List.of();
        private List<AttachedFile> attachments = List.of();
        private List<Problem> newsNotices = List.of();

        private Builder(SendMode mode, String campaign) {
            this.mode = mode;
            this.campaign = campaign;
        }

        /** The first person's subject, and the size of their message as sent. */
        Builder message(String subject, long messageBytes) {
            this.subject = subject;
            this.messageBytes = messageBytes;
            return this;
        }

        /** The server as people read it, and whether it is the sandbox. */
        Builder server(String server, boolean sandbox) {
            this.server = server;
            this.sandbox = sandbox;
            return this;
        }

        Builder sender(String sender) {
            this.sender = sender;
            return this;
        }

        Builder audience(AudienceReport audience) {
            this.audience = audience;
            return this;
        }

        Builder alreadySent(int alreadySent) {
            this.alreadySent = alreadySent;
            return this;
        }

        Builder failedBefore(int failedBefore) {
            this.failedBefore = failedBefore;
            return this;
        }

        Builder toSend(int toSend) {
            this.toSend = toSend;
            return this;
        }

        Builder limit(OptionalInt limit) {
            this.limit = limit;
            return this;
        }

        Builder journal(Path journal) {
            this.journal = journal;
            return this;
        }

        /** The quota as the settings give it, and what it lets go now. */
        Builder quota(String quota, Optional<Integer> quotaLeft) {
            this.quota = quota;
            this.quotaLeft = quotaLeft;
            return this;
        }

        Builder ratePerMinute(int ratePerMinute) {
            this.ratePerMinute = ratePerMinute;
            return this;
        }

        /** How many connections at once; with {@link SendSettings.ConnectionChoice#AUTO}, the most. */
        Builder connections(int connections, SendSettings.ConnectionChoice choice) {
            this.connections = connections;
            this.autoConnections = choice == SendSettings.ConnectionChoice.AUTO;
            return this;
        }

        Builder thisRun(int thisRun) {
            this.thisRun = thisRun;
            return this;
        }

        Builder estimate(Optional<Duration> estimate) {
            this.estimate = estimate;
            return this;
        }

        Builder warnings(List<String> warnings) {
            this.warnings = warnings;
            return this;
        }

        Builder attachments(List<AttachedFile> attachments) {
            this.attachments = attachments;
            return this;
        }

        Builder newsNotices(List<Problem> newsNotices) {
            this.newsNotices = newsNotices;
            return this;
        }

        SendPlan build() {
            return new SendPlan(mode, campaign, subject, server, sandbox, sender, audience, alreadySent, failedBefore,
                    toSend, limit, journal, messageBytes, quota, quotaLeft, ratePerMinute, connections, autoConnections,
                    thisRun, estimate, warnings, attachments, newsNotices);
        }
    }
}
