package org.imrap.bulletin.inbox;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.journal.CsvLog;

/**
 * {@code journal/inbox.csv}: one row per message acted on, written after what it says was done and
 * before the message is moved, so a run cut short is finished by the next one and nothing is applied twice.
 */
final class HandledLog {
    static final String FILE = "inbox.csv";
    static final List<String> HEADER = List.of("time", "message", "finding", "email", "action");

    private final CsvLog log;
    private final Clock clock;
    private final Set<String> handled = new HashSet<>();

    HandledLog(Workspace workspace, Clock clock) {
        this.log = new CsvLog(workspace.journalDir().resolve(FILE), HEADER);
        this.clock = clock;
        log.rows().forEach(row -> handled.add(row.get(1)));
    }

    /** True when this run or an earlier one noted the message. */
    boolean contains(String messageId) {
        return handled.contains(messageId);
    }

    void note(String messageId, Outcome.Applied applied) {
        log.append(List.of(clock.instant().toString(), messageId, applied.kind(), applied.email(), applied.action()));
        handled.add(messageId);
    }
}
