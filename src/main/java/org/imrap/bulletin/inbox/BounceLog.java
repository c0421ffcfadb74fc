package org.imrap.bulletin.inbox;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.imrap.bulletin.address.EmailAddress;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.journal.CsvLog;

/**
 * {@code journal/bounces.csv}: each delivery report about a bulletin, once (by the report's own id), and
 * how many there are against an address. {@code bulletin journal} shows them with their campaign.
 */
public final class BounceLog {
    static final String FILE = "bounces.csv";
    public static final List<String> HEADER = List.of("time", "campaign", "email", "kind", "status",
            "diagnostic", "bounce", "original");

    private final CsvLog log;
    private final Clock clock;
    private final Set<String> reports = new HashSet<>();

    BounceLog(Workspace workspace, Clock clock) {
        this.log = new CsvLog(file(workspace), HEADER);
        this.clock = clock;
        log.rows().forEach(row -> reports.add(row.get(6)));
    }

    public static Path file(Workspace workspace) {
        return workspace.journalDir().resolve(FILE);
    }

    /** The bounces against one address: permanent ones, and the different messages that bounced temporarily. */
    record Count(int hard, int softMessages) {
        boolean reaches(int hardLimit, int softLimit) {
            return hard >= hardLimit || softMessages >= softLimit;
        }
    }

    /** Appends the report unless it is there already (a run cut short after writing it). */
    void record(String reportId, Finding.Bounce bounce, String campaign) {
        if (reports.add(reportId)) {
            log.append(List.of(clock.instant().toString(), campaign, bounce.email(),
                    bounce.permanent() ? "hard" : "soft", bounce.status(), spreadsheetSafe(bounce.diagnostic()),
                    reportId, bounce.originalId().orElse("")));
        }
    }

    Count count(String email) {
        String key = EmailAddress.canonical(email);
        int hard = 0;
        Set<String> softMessages = new HashSet<>();
        for (List<String> row : log.rows()) {
            if (EmailAddress.canonical(row.get(2)).equals(key)) {
                if (row.get(3).equals("hard")) {
                    hard++;
                } else {
                    // Several reports about one message count once; different messages (campaigns) add up.
                    softMessages.add(row.size() > 7 && !row.get(7).isEmpty() ? row.get(7)
                            : row.get(1).isEmpty() ? row.get(6) : row.get(1));
                }
            }
        }
        return new Count(hard, softMessages.size());
    }

    /** A diagnostic in a CSV opened by a spreadsheet must not start like a formula. */
    static String spreadsheetSafe(String text) {
        String one = text.replaceAll("[\\r\\n]+", " ").strip();
        one = one.length() > 300 ? one.substring(0, 300) : one;
        return one.matches("^[=+\\-@].*") ? "'" + one : one;
    }
}
