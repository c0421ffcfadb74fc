package org.imrap.bulletin.recipients;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.Printable;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.address.Addresses;
import org.imrap.bulletin.address.EmailAddress;
import org.imrap.bulletin.address.InvalidAddressException;
import org.imrap.bulletin.io.SpreadsheetCell;

/**
 * One CSV file of people: a header row with an email column (and usually a name and an organisation,
 * under the names offices give them: see {@link Columns}; every column is available to the
 * templates under its own name, and those three also as {@code email}, {@code name} and
 * {@code organisation}), then one row per person. Rows are streamed and validated one by one; a row that cannot be used is reported
 * with its line and the reason.
 */
public final class ListFile {
    public static final String EMAIL = Columns.EMAIL;
    public static final String NAME = Columns.NAME;
    static final int MAX_EMAIL = 254;
    static final int MAX_NAME = 200;
    static final int MAX_FIELD = 1000;

    /** What reading a list tells its reader, row by row. */
    public interface RowHandler {
        void valid(Recipient recipient, int line);

        /** A row that cannot be used; {@code email} is its raw email value (possibly empty). */
        void invalid(Problem problem, String email);

        /** Something in a usable row the user should know about (it was read anyway). */
        default void warning(Problem problem) {
        }

        /** The header, once read: which column is the email, the name, the organisation. */
        default void columns(Columns columns) {
        }
    }

    private final Path file;
    private final String name;

    public ListFile(Path file) {
        this.file = file;
        this.name = nameOf(file);
    }

    /** {@code recipients/partners.csv} is the list {@code partners}. */
    static String nameOf(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.endsWith(".csv") ? fileName.substring(0, fileName.length() - 4) : fileName;
    }

    public String name() {
        return name;
    }

    public Path file() {
        return file;
    }

    /**
     * Streams every row to {@code handler}. Throws {@link BadDataException} when the file as a whole
     * cannot be used (encoding, no header, no email column, an unclosed quote — rows before it have
     * then been handled).
     */
    public CsvFormat read(RowHandler handler) {
        CsvFormat format = CsvFormat.detect(file);
        try (CsvRecords records = new CsvRecords(file, format)) {
            Optional<CsvRecord> first = nextNonBlank(records);
            if (first.isEmpty()) {
                records.malformed().ifPresent(problem -> {
                    throw fileProblem(problem);
                });
                throw fileProblem(Problem.wholeFile(file, t("list.empty")));
            }
            Columns header = header(first.get());
            handler.columns(header);
            if (!header.hasEmail()) {
                throw new BadDataException(t("list.unusable", name), List.of(new Problem(file, first.get().line(),
                        t("list.noEmailColumn", String.join(", ", header.names())))), t("list.noEmailColumn.hint"));
            }
            for (Optional<CsvRecord> record = nextNonBlank(records); record.isPresent(); record = nextNonBlank(records)) {
                handleRow(header, record.get(), handler);
            }
            records.malformed().ifPresent(problem -> {
                throw fileProblem(problem);
            });
        } catch (IOException e) {
            throw fileProblem(Problem.wholeFile(file, t("file.unreadable", e.getMessage())));
        }
        return format;
    }

    /** The header row, as written (trimmed), if the file has one that can be used. */
    public List<String> columns() {
        CsvFormat format = CsvFormat.detect(file);
        try (CsvRecords records = new CsvRecords(file, format)) {
            Optional<CsvRecord> first = nextNonBlank(records);
            return first.map(record -> header(record).names()).orElse(List.of());
        } catch (IOException e) {
            throw fileProblem(Problem.wholeFile(file, t("file.unreadable", e.getMessage())));
        }
    }

    private BadDataException fileProblem(Problem problem) {
        return new BadDataException(t("list.unreadable", name), List.of(problem), t("list.unreadable.hint"));
    }

    private static Optional<CsvRecord> nextNonBlank(CsvRecords records) throws IOException {
        Optional<CsvRecord> record = records.next();
        while (record.isPresent() && record.get().isBlank()) {
            record = records.next();
        }
        return record;
    }

    private Columns header(CsvRecord record) {
        List<String> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String value : record.values()) {
            String column = value.replace("\uFEFF", "").strip();
            if (!column.isEmpty() && !seen.add(column.toLowerCase(Locale.ROOT))) {
                throw fileProblem(new Problem(file, record.line(), t("list.columnTwice", column)));
            }
            columns.add(column);
        }
        return Columns.of(columns);
    }

    static int indexOf(List<String> columns, String wanted) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(wanted)) {
                return i;
            }
        }
        return -1;
    }

    private void handleRow(Columns header, CsvRecord record, RowHandler handler) {
        List<String> values = record.values();
        String rawEmail = cell(values, header.email());
        List<String> reasons = new ArrayList<>();
        if (values.size() > header.names().size()) {
            reasons.add(t("list.tooManyValues", values.size(),
                    org.imrap.bulletin.Text.count(header.names().size(), "count.column")));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < header.names().size(); i++) {
            String column = header.names().get(i);
            String value = cell(values, i);
            checkField(column, value, i == header.email() ? MAX_EMAIL : header.isName(i) ? MAX_NAME : MAX_FIELD)
                    .ifPresent(reasons::add);
            if (!column.isEmpty()) {
                fields.put(column, value);
            }
        }
        String name = header.nameIn(index -> cell(values, index));
        // The templates name them so, whatever the spreadsheet called them.
        fields.putIfAbsent(Columns.EMAIL, rawEmail);
        if (header.name() >= 0 || header.givenName() >= 0 || header.familyName() >= 0) {
            fields.putIfAbsent(Columns.NAME, name);
        }
        if (header.organisation() >= 0) {
            fields.putIfAbsent(Columns.ORGANISATION, cell(values, header.organisation()));
        }
        EmailAddress address = null;
        if (reasons.isEmpty()) {
            if (EmailAddress.trim(rawEmail).isEmpty()) {
                reasons.add(t("list.noEmail"));
            } else {
                try {
                    address = EmailAddress.parse(rawEmail);
                } catch (InvalidAddressException e) {
                    reasons.add(e.getMessage());
                }
            }
        }
        if (!reasons.isEmpty()) {
            handler.invalid(new Problem(file, record.line(), String.join("; ", reasons)), rawEmail);
            return;
        }
        if (EmailAddress.hasInvisibleEdges(rawEmail)) {
            handler.warning(new Problem(file, record.line(), t("list.invisibleTrimmed", Printable.escape(rawEmail))));
        }
        handler.valid(new Recipient(address.mailbox(), name, this.name, fields), record.line());
    }

    /** The value in column {@code index}, trimmed, as written before bulletin kept a spreadsheet from taking it for a formula. */
    private static String cell(List<String> values, int index) {
        return index < values.size() ? SpreadsheetCell.restore(values.get(index).strip()) : "";
    }

    /** Why a value cannot be used, if it cannot. */
    static Optional<String> checkField(String column, String value, int maxLength) {
        if (!Addresses.isSingleLine(value)) {
            try {
                Addresses.requireSingleLine(value, t("list.value", column));
            } catch (InvalidAddressException e) {
                return Optional.of(e.getMessage());
            }
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            return Optional.of(t("list.tooLong", column, length, maxLength));
        }
        return Optional.empty();
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }
}
