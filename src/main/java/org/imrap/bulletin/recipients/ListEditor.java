package org.imrap.bulletin.recipients;

import org.imrap.bulletin.address.EmailAddress;
import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.address.Addresses;
import org.imrap.bulletin.address.InvalidAddressException;
import org.imrap.bulletin.io.EditLock;
import org.imrap.bulletin.io.SpreadsheetCell;

/**
 * Changes the lists: add a person, remove one, unsubscribe one. Each edit validates first, refuses
 * duplicates, and replaces the file in one step, keeping its format and every other row as it was.
 * Every edit holds the file's {@link EditLock} from reading to replacing, so two writers at once (the
 * inbox from cron, a person at the command line) cannot undo each other's change.
 */
public final class ListEditor {
    private final RecipientsFolder folder;
    private final Clock clock;

    public ListEditor(RecipientsFolder folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    /** What {@link #add} did. */
    public record Added(Path file, boolean createdList, Optional<SuppressionList.Entry> suppressed) {
    }

    /** Adds a person at the end of a list, creating the list if it does not exist. */
    public Added add(String listName, String email, String name, Map<String, String> fields) {
        checkListName(listName);
        try (EditLock lock = EditLock.of(folder.list(listName).file())) {
            return addLocked(listName, email, name, fields);
        }
    }

    private Added addLocked(String listName, String email, String name, Map<String, String> fields) {
        String address = validAddress(email);
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ListFile.EMAIL, address);
        if (name != null) {
            values.put(ListFile.NAME, name.strip());
        }
        fields.forEach((key, value) -> {
            String column = key.strip();
            boolean taken = values.keySet().stream().anyMatch(existing -> existing.equalsIgnoreCase(column));
            if (taken || column.isEmpty()) {
                throw new BulletinException(ExitCode.USAGE, t(column.isEmpty() ? "edit.fieldNoColumn" : "edit.fieldTwice", key),
                        t("edit.field.hint"));
            }
            values.put(column, value.strip());
        });
        values.forEach((column, value) -> ListFile.checkField(column, value,
                column.equals(ListFile.NAME) ? ListFile.MAX_NAME : ListFile.MAX_FIELD).ifPresent(reason -> {
                    throw new BulletinException(ExitCode.DATA_ERROR, t("edit.cannotAdd", address, reason), t("oneLine.hint"));
                }));

        ListFile list = folder.list(listName);
        boolean created = !list.exists();
        CsvText text;
        List<String> columns;
        Map<String, String> byColumn = values;
        if (created) {
            columns = new ArrayList<>(values.keySet());
            text = CsvText.empty(CsvFormat.NEW_FILE);
            text.append(columns);
        } else {
            Table table = Table.read(list);
            table.find(address).ifPresent(line -> {
                throw new BulletinException(ExitCode.DATA_ERROR,
                        t("edit.already", address, listName, list.file() + ":" + line), t("edit.already.hint"));
            });
            columns = table.columns().names();
            byColumn = placed(listName, table.columns(), values);
            text = CsvText.read(list.file(), table.format());
        }
        List<String> row = new ArrayList<>();
        for (String column : columns) {
            row.add(byColumn.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column))
                    .map(Map.Entry::getValue).findFirst().orElse(""));
        }
        text.append(row.stream().map(SpreadsheetCell::neutralise).toList());
        Optional<SuppressionList.Entry> suppressed = folder.suppression().load().find(address);
        text.writeTo(list.file());
        return new Added(list.file(), created, suppressed);
    }

    /**
     * The values keyed by the list's own columns: {@code email}, {@code name} and {@code organisation}
     * go to the columns read as those ({@code Courriel}, {@code Nom complet}, {@code Structure} …).
     * Refuses a value for a column the list does not have, and a whole name for a list that keeps
     * given and family names apart (which word is which is not bulletin's to guess).
     */
    private static Map<String, String> placed(String listName, Columns columns, Map<String, String> values) {
        List<String> names = columns.names();
        Map<String, String> placed = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            int index = ListFile.indexOf(names, key);
            if (index < 0) {
                index = switch (key) {
                    case Columns.EMAIL -> columns.email();
                    case Columns.NAME -> columns.name();
                    case Columns.ORGANISATION -> columns.organisation();
                    default -> -1;
                };
            }
            if (index < 0 && key.equals(Columns.NAME) && (columns.givenName() >= 0 || columns.familyName() >= 0)) {
                String parts = String.join(", ", columns.recognised().get(Columns.NAME));
                throw new BulletinException(ExitCode.DATA_ERROR, t("edit.nameInParts", listName, parts),
                        t("edit.nameInParts.hint", parts));
            }
            if (index < 0) {
                throw new BulletinException(ExitCode.DATA_ERROR, t("edit.noColumn", listName, key, String.join(", ", names)),
                        t("edit.noColumn.hint"));
            }
            placed.put(names.get(index), value);
        });
        return placed;
    }

    /** Removes every row of a list that names the person (in any letter case); returns how many. */
    public int remove(String listName, String email) {
        checkListName(listName);
        try (EditLock lock = EditLock.of(folder.list(listName).file())) {
            return removeLocked(listName, email);
        }
    }

    private int removeLocked(String listName, String email) {
        ListFile list = folder.list(listName);
        if (!list.exists()) {
            throw new BulletinException(ExitCode.USAGE, t("lists.noList", listName, folder.dir()), t("lists.noList.hint"));
        }
        Table table = Table.read(list);
        List<CsvRecord> matches = table.matching(email);
        if (matches.isEmpty()) {
            throw new BulletinException(ExitCode.DATA_ERROR, t("edit.notOnList", email.strip(), listName),
                    t("edit.notOnList.hint"));
        }
        CsvText text = CsvText.read(list.file(), table.format());
        for (int i = matches.size() - 1; i >= 0; i--) {
            text.removeLines(matches.get(i).line(), matches.get(i).lastLine());
        }
        text.writeTo(list.file());
        return matches.size();
    }

    /** What {@link #unsubscribe} did: added now, or found there already (with its date). */
    public record Unsubscribed(Path file, boolean added, String since) {
    }

    /** Adds a person to the suppression list, unless they are on it already. */
    public Unsubscribed unsubscribe(String email, String reason) {
        try (EditLock lock = EditLock.of(folder.suppression().path())) {
            return unsubscribeLocked(email, reason);
        }
    }

    private Unsubscribed unsubscribeLocked(String email, String reason) {
        String address = validAddress(email);
        String why = reason == null ? "" : reason.strip();
        ListFile.checkField("reason", why, ListFile.MAX_FIELD).ifPresent(problem -> {
            throw new BulletinException(ExitCode.DATA_ERROR, t("edit.cannotUnsubscribe", address, problem), t("edit.reason.hint"));
        });
        SuppressionList suppression = folder.suppression();
        Optional<SuppressionList.Entry> existing = suppression.load().find(address);
        if (existing.isPresent()) {
            return new Unsubscribed(suppression.path(), false, existing.get().date());
        }
        String today = LocalDate.now(clock).toString();
        Map<String, String> values = Map.of(ListFile.EMAIL, address, "date", today, "reason", why);
        ListFile file = new ListFile(suppression.path());
        CsvText text;
        List<String> columns;
        if (file.exists()) {
            Table table = Table.read(file);
            columns = table.columns().names();
            text = CsvText.read(file.file(), table.format());
        } else {
            columns = List.of(ListFile.EMAIL, "date", "reason");
            text = CsvText.empty(CsvFormat.NEW_FILE);
            text.append(columns);
        }
        text.append(columns.stream().map(column -> values.getOrDefault(column.toLowerCase(java.util.Locale.ROOT), ""))
                .map(SpreadsheetCell::neutralise).toList());
        text.writeTo(file.file());
        return new Unsubscribed(file.file(), true, today);
    }

    private static String validAddress(String email) {
        try {
            return Addresses.parse(email).getAddress();
        } catch (InvalidAddressException e) {
            throw new BulletinException(ExitCode.DATA_ERROR, e.getMessage(), t("edit.badAddress.hint"));
        }
    }

    private static void checkListName(String name) {
        if (!name.matches("[\\p{L}\\p{N}_][\\p{L}\\p{N}_.-]*") || name.equals("unsubscribed")) {
            throw new BulletinException(ExitCode.USAGE, t("edit.badListName", name),
                    t("edit.badListName.hint"));
        }
    }

    /** The records of a list file, read raw (valid or not), to find a person's rows. */
    private record Table(CsvFormat format, Columns columns, int email, List<CsvRecord> records) {

        static Table read(ListFile list) {
            CsvFormat format = CsvFormat.detect(list.file());
            Columns columns = Columns.of(list.columns());
            int email = columns.email();
            if (email < 0) {
                throw new BadDataException(t("edit.cannotEdit", list.name()),
                        List.of(Problem.wholeFile(list.file(), t("edit.noHeader"))), t("edit.noHeader.hint"));
            }
            List<CsvRecord> records = new ArrayList<>();
            try (CsvRecords reader = new CsvRecords(list.file(), format)) {
                boolean header = true;
                for (Optional<CsvRecord> record = reader.next(); record.isPresent(); record = reader.next()) {
                    if (record.get().isBlank()) {
                        continue;
                    }
                    if (!header) {
                        records.add(record.get());
                    }
                    header = false;
                }
                if (reader.malformed().isPresent()) {
                    throw new BadDataException(t("edit.cannotEdit", list.name()), List.of(reader.malformed().get()),
                            t("edit.broken.hint"));
                }
            } catch (IOException e) {
                throw new BulletinException(ExitCode.NO_INPUT, t("file.cannotRead", list.file(), e.getMessage()), null);
            }
            return new Table(format, columns, email, records);
        }

        List<CsvRecord> matching(String address) {
            String key = EmailAddress.canonical(address);
            return records.stream()
                    .filter(record -> email < record.values().size()
                            && EmailAddress.canonical(record.values().get(email)).equals(key))
                    .toList();
        }

        Optional<Integer> find(String address) {
            return matching(address).stream().map(CsvRecord::line).findFirst();
        }
    }
}
