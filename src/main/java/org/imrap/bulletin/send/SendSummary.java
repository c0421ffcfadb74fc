package org.imrap.bulletin.send;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.ExitCode;

/**
 * How a send run ended. Built with {@link #builder}, which names each value; what is not set is zero or empty.
 *
 * @param skipped     people the journal already held as sent
 * @param failedBefore people not tried because an earlier run failed them for good (see --retry-failed)
 * @param suppressed  people on the suppression list
 * @param invalidRows rows of the lists left out as unusable
 * @param left        people not tried in this run (the limit, or the run stopped early)
 * @param stopReason  why the run stopped before the end, if it did
 * @param journal     the journal of the campaign, for a real send
 * @param sandboxDir  where the sandbox wrote the messages it received, if it was used
 * @param sandboxMessages how many messages the sandbox wrote
 * @param rendered    messages rendered: with a dry run, all that would go; else every outcome of the run
 * @param noNews      the month has no news, as an earlier run already reported (when it did)
 * @param connections with send.connections=auto: how many connections the run ended with, and why
 */
public record SendSummary(SendMode mode, String campaign, int sent, List<Outcome> failed, List<Outcome> deferred,
                          int skipped, int failedBefore, int suppressed, int invalidRows, int left, Optional<String> stopReason,
                          Optional<Path> journal, Optional<Path> sandboxDir, int sandboxMessages, int rendered,
                          Optional<Instant> noNews, Optional<String> connections) {

    /** A summary of a {@code mode} run of {@code campaign}, each other value named as it is set. */
    public static Builder builder(SendMode mode, String campaign) {
        return new Builder(mode, campaign);
    }

    /** A later run for a month without news: nothing to send, and nothing new to say. */
    static SendSummary noNewsAgain(java.time.YearMonth month, Instant reported) {
        return builder(SendMode.SEND, month.toString()).noNews(reported).build();
    }

    /** One person's failure or deferral, with the server's reply. */
    public record Outcome(String email, String list, String reply) {
    }

    /**
     * 0 when everyone has the bulletin; 75 when some are deferred or left, or the run stopped early
     * (run again); 65 when what is left are permanent failures.
     */
    public ExitCode exitCode() {
        if (!deferred.isEmpty() || left > 0 || stopReason.isPresent()) {
            return ExitCode.TEMPORARY_FAILURE;
        }
        return failed.isEmpty() && failedBefore == 0 ? ExitCode.OK : ExitCode.DATA_ERROR;
    }

    /** The values of a summary, each set by name; see the record's components for what they mean. */
    public static final class Builder {
        private final SendMode mode;
        private final String campaign;
        private int sent;
        private List<Outcome> failed = List.of();
        private List<Outcome> deferred = List.of();
        private int skipped;
        private int failedBefore;
        private int suppressed;
        private int invalidRows;
        private int left;
        private Optional<String> stopReason = Optional.empty();
        private Optional<Path> journal = Optional.empty();
        private Optional<Path> sandboxDir = Optional.empty();
        private int sandboxMessages;
        private int rendered;
        private Optional<Instant> noNews = Optional.empty();
        private Optional<String> connections = Optional.empty();

        private Builder(SendMode mode, String campaign) {
            this.mode = mode;
            this.campaign = campaign;
        }

        public Builder sent(int sent) {
            this.sent = sent;
            return this;
        }

        public Builder failed(List<Outcome> failed) {
            this.failed = failed;
            return this;
        }

        public Builder deferred(List<Outcome> deferred) {
            this.deferred = deferred;
            return this;
        }

        public Builder skipped(int skipped) {
            this.skipped = skipped;
            return this;
        }

        public Builder failedBefore(int failedBefore) {
            this.failedBefore = failedBefore;
            return this;
        }

        public Builder suppressed(int suppressed) {
            this.suppressed = suppressed;
            return this;
        }

        public Builder invalidRows(int invalidRows) {
            this.invalidRows = invalidRows;
            return this;
        }

        public Builder left(int left) {
            this.left = left;
            return this;
        }

        public Builder stopReason(Optional<String> stopReason) {
            this.stopReason = stopReason;
            return this;
        }

        public Builder journal(Path journal) {
            this.journal = Optional.of(journal);
            return this;
        }

        /** The sandbox's folder and how many messages it wrote there. */
        public Builder sandbox(Path dir, int messages) {
            this.sandboxDir = Optional.of(dir);
            this.sandboxMessages = messages;
            return this;
        }

        public Builder rendered(int rendered) {
            this.rendered = rendered;
            return this;
        }

        public Builder noNews(Instant reported) {
            this.noNews = Optional.of(reported);
            return this;
        }

        public Builder connections(Optional<String> connections) {
            this.connections = connections;
            return this;
        }

        public SendSummary build() {
            return new SendSummary(mode, campaign, sent, failed, deferred, skipped, failedBefore, suppressed, invalidRows,
                    left, stopReason, journal, sandboxDir, sandboxMessages, rendered, noNews, connections);
        }
    }
}
