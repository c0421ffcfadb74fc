package org.imrap.bulletin.recipients;

import org.imrap.bulletin.address.EmailAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.Problem;

/**
 * {@code recipients/unsubscribed.csv} ({@code email,date,reason}): people who must never be sent the
 * bulletin, whatever list they are on. An entry whose address is malformed still suppresses that
 * exact address, and is reported.
 */
public final class SuppressionList {
    private final ListFile file;

    SuppressionList(java.nio.file.Path path) {
        this.file = new ListFile(path);
    }

    public java.nio.file.Path path() {
        return file.file();
    }

    /** The suppressed addresses (normalised) with the line each is on, and any problems found. */
    public Loaded load() {
        Map<String, Entry> entries = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        if (!file.exists()) {
            return new Loaded(entries, problems, warnings, false);
        }
        boolean unreadable = false;
        try {
            CsvFormat format = file.read(new ListFile.RowHandler() {
                @Override
                public void valid(Recipient recipient, int line) {
                    entries.putIfAbsent(EmailAddress.canonical(recipient.email()),
                            new Entry(line, recipient.fields().getOrDefault("date", "")));
                }

                @Override
                public void invalid(Problem problem, String email) {
                    problems.add(problem);
                    if (!email.isEmpty()) {
                        entries.putIfAbsent(EmailAddress.canonical(email), new Entry(problem.line(), ""));
                    }
                }
            });
            if (format.isWindows1252()) {
                warnings.add(Problem.wholeFile(file.file(), org.imrap.bulletin.Text.t("csv.windows1252")));
            }
        } catch (BadDataException e) {
            problems.addAll(e.problems());
            unreadable = true;
        }
        return new Loaded(entries, problems, warnings, unreadable);
    }

    /** Where an address is suppressed: its line, and the date given there. */
    public record Entry(int line, String date) {
    }

    /**
     * The suppression list as read.
     *
     * @param unreadable the file as a whole could not be read: some people on it may be missing, so
     *                   nothing may be sent until it is fixed
     */
    public record Loaded(Map<String, Entry> entries, List<Problem> problems, List<Problem> warnings,
                         boolean unreadable) {
        public Optional<Entry> find(String email) {
            return Optional.ofNullable(entries.get(EmailAddress.canonical(email)));
        }

        public int size() {
            return entries.size();
        }
    }
}
