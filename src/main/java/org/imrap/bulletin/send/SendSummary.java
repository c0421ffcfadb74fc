package org.imrap.bulletin.send;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.ExitCode;

/**
 * How a send run ended.
 *
 * @param skipped     people the journal already held as sent
 * @param failedBefore people not tried because an earlier run failed them for good (see --retry-failed)
 * @param left        people not tried in this run (the limit, or the run stopped early)
 * @param stopReason  why the run stopped before the end, if it did
 * @param sandboxDir  where the sandbox wrote the messages it received, if it was used
 * @param noNews      the month has no news, as an earlier run already reported (when it did)
 * @param connections with send.connections=auto: how many connections the run ended with, and why
 */
public record SendSummary(SendMode mode, String campaign, int sent, List<Outcome> failed, List<Outcome> deferred,
                          int skipped, int failedBefore, int suppressed, int invalidRows, int left, Optional<String> stopReason,
                          Optional<Path> journal, Optional<Path> sandboxDir, int sandboxMessages, int rendered,
                          Optional<java.time.Instant> noNews, Optional<String> connections) {

    /** A later run for a month without news: nothing to send, and nothing new to say. */
    static SendSummary noNewsAgain(java.time.YearMonth month, java.time.Instant reported) {
        return new SendSummary(SendMode.SEND, month.toString(), 0, List.of(), List.of(), 0, 0, 0, 0, 0, Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 0, Optional.of(reported), Optional.empty());
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
}
