package org.imrap.bulletin.journal;

import org.imrap.bulletin.address.EmailAddress;
import static org.imrap.bulletin.Text.t;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.imrap.bulletin.io.LogReader;
import org.imrap.bulletin.mail.Status;

/**
 * What a campaign's journal says so far: each person's last status, and — for the people whose last
 * status is not {@code sent} — their last row, with the server's reply. A row cut short by a crash
 * is ignored (its outcome never reached the disk whole); a journal that cannot be read with certainty
 * stops the run (see {@link LogReader}).
 */
public final class JournalState {
    private final Map<String, Status> last = new HashMap<>();
    private final Map<String, JournalRow> unsent = new LinkedHashMap<>();
    private final Map<String, Integer> sentByContent = new TreeMap<>();

    /** The state of a journal file; empty when there is none yet. Stops (exit 65) on a journal it cannot read with certainty. */
    public static JournalState read(Path file) {
        JournalState state = new JournalState();
        if (Files.exists(file)) {
            readRows(file, state::record);
        }
        return state;
    }

    /**
     * Hands every row of a journal to {@code sink}, in order; how the file ends is returned for an
     * appender (see {@link LogReader}).
     */
    public static LogReader.Tail readRows(Path file, Consumer<JournalRow> sink) {
        return LogReader.read(file, JournalRow.HEADER, JournalRow.SHAPE, (line, values) -> sink.accept(row(file, line, values)));
    }

    private static JournalRow row(Path file, int line, List<String> values) {
        try {
            return new JournalRow(Instant.parse(values.get(0)), values.get(1), values.get(2), values.get(3),
                    Status.parse(values.get(4)), values.get(5), values.get(6), values.get(7));
        } catch (RuntimeException e) {
            throw LogReader.damaged(file, line, t("log.badRow", e.getMessage()));
        }
    }

    /** Takes a row read from the journal into account. */
    private void record(JournalRow row) {
        String key = EmailAddress.canonical(row.email());
        last.put(key, row.status());
        if (row.status() == Status.SENT) {
            unsent.remove(key);
            sentByContent.merge(row.contentHash(), 1, Integer::sum);
        } else {
            unsent.put(key, row);
        }
    }

    public Optional<Status> lastStatus(String email) {
        return Optional.ofNullable(last.get(EmailAddress.canonical(email)));
    }

    public boolean wasSent(String email) {
        return lastStatus(email).filter(status -> status == Status.SENT).isPresent();
    }

    /** People sent the bulletin so far, by content hash. */
    public Map<String, Integer> sentByContent() {
        return sentByContent;
    }

    public int count(Status status) {
        return (int) last.values().stream().filter(s -> s == status).count();
    }

    /** The last row of each person whose last status is failed or deferred, in journal order. */
    public List<JournalRow> notSent() {
        return List.copyOf(unsent.values());
    }
}
