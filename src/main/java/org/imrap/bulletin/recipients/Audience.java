package org.imrap.bulletin.recipients;

import org.imrap.bulletin.address.EmailAddress;
import static org.imrap.bulletin.Text.t;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.Problem;

/**
 * The people a bulletin goes to: the chosen lists, read in order, each person once (the first list
 * that names them is the one they are reached through), never anyone on the suppression list.
 * People are handed on as each list is read; what is kept in memory is the set of addresses seen, not the rows.
 */
public final class Audience {
    private final List<ListFile> lists;
    private final SuppressionList suppressionList;

    public Audience(List<ListFile> lists, SuppressionList suppressionList) {
        this.lists = List.copyOf(lists);
        this.suppressionList = suppressionList;
    }

    /** The lists named in {@code names} (every list when empty) of a recipients folder. */
    public static Audience of(RecipientsFolder folder, Optional<List<String>> names) {
        return new Audience(folder.select(names), folder.suppression());
    }

    public List<ListFile> lists() {
        return lists;
    }

    /**
     * Reads the suppression list and every list from the disk — again on each call: nothing but the
     * addresses seen is kept — and hands each person who receives the bulletin to {@code eachPerson}, once,
     * in list order. Returns what was found in the lists.
     */
    public AudienceReport read(Consumer<Recipient> eachPerson) {
        SuppressionList.Loaded suppression = suppressionList.load();
        Reading reading = new Reading(suppression, eachPerson);
        List<ListCount> counts = new ArrayList<>();
        for (int index = 0; index < lists.size(); index++) {
            counts.add(reading.read(index));
        }
        return new AudienceReport(counts, reading.problems, reading.duplicates, reading.onSeveralLists,
                reading.suppressedPeople.size(), suppression.problems(),
                counts.stream().mapToInt(ListCount::reached).sum(), reading.warnings(), suppression.unreadable());
    }

    /** One pass over the lists: where each person was first seen, and what was found. */
    private final class Reading {
        final SuppressionList.Loaded suppression;
        final Consumer<Recipient> eachPerson;
        final SeenAddresses seen = new SeenAddresses();
        final Set<String> suppressedPeople = new HashSet<>();
        final Map<String, List<String>> onSeveralLists = new LinkedHashMap<>();
        final List<Problem> problems = new ArrayList<>();
        final List<Problem> duplicates = new ArrayList<>();
        final List<Problem> warnings = new ArrayList<>();

        Reading(SuppressionList.Loaded suppression, Consumer<Recipient> eachPerson) {
            this.suppression = suppression;
            this.eachPerson = eachPerson;
        }

        ListCount read(int index) {
            ListFile list = lists.get(index);
            ListCounter tally = new ListCounter();
            try {
                CsvFormat format = list.read(new ListFile.RowHandler() {
                    @Override
                    public void valid(Recipient recipient, int line) {
                        tally.rows++;
                        person(index, list, recipient, line, tally);
                    }

                    @Override
                    public void invalid(Problem problem, String email) {
                        tally.rows++;
                        tally.invalid++;
                        problems.add(problem);
                    }

                    @Override
                    public void warning(Problem problem) {
                        warnings.add(problem);
                    }

                    @Override
                    public void columns(Columns columns) {
                        tally.columns = columns;
                    }
                });
                warnAbout(list.file(), format);
            } catch (BadDataException e) {
                tally.unreadable = true;
                problems.addAll(e.problems());
            }
            return new ListCount(list.name(), list.file(), tally.rows, tally.invalid, tally.duplicates,
                    tally.onEarlierList, tally.suppressed, tally.reached, tally.unreadable, Optional.ofNullable(tally.columns));
        }

        void warnAbout(java.nio.file.Path file, CsvFormat format) {
            if (format.isWindows1252()) {
                warnings.add(Problem.wholeFile(file, t("csv.windows1252")));
            }
        }

        List<Problem> warnings() {
            List<Problem> all = new ArrayList<>(suppression.warnings());
            all.addAll(warnings);
            return all;
        }

        private void person(int index, ListFile list, Recipient recipient, int line, ListCounter tally) {
            String key = EmailAddress.canonical(recipient.email());
            SeenAddresses.Where first = seen.meet(key, index, line);
            if (first != null && first.list() == index) {
                tally.duplicates++;
                duplicates.add(new Problem(list.file(), line, t("list.duplicate", recipient.email(), first.line())));
                return;
            }
            if (suppression.find(key).isPresent()) {
                tally.suppressed++;
                suppressedPeople.add(key);
            } else if (first != null) {
                tally.onEarlierList++;
                onSeveralLists.computeIfAbsent(key, k -> new ArrayList<>(List.of(lists.get(first.list()).name())))
                        .add(list.name());
            } else {
                tally.reached++;
                eachPerson.accept(recipient);
            }
        }
    }

    /** The counts of one list while it is read. */
    private static final class ListCounter {
        int rows;
        int invalid;
        int duplicates;
        int onEarlierList;
        int suppressed;
        int reached;
        boolean unreadable;
        Columns columns;
    }
}
