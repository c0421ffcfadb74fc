package org.imrap.bulletin.journal;

import static org.imrap.bulletin.Text.t;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.ICSVParser;
import com.opencsv.exceptions.CsvException;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.mail.Addresses;

/**
 * What a campaign's journal says so far: each person's last status, and — for the people whose last
 * status is not {@code sent} — their last row, with the server's reply. A row cut short by a crash
 * (no line end) is ignored: its outcome never reached the disk.
 */
public final class JournalState {
    private final Map<String, Status> last = new HashMap<>();
    private final Map<String, JournalRow> unsent = new LinkedHashMap<>();
    private final Map<String, Integer> sentByContent = new TreeMap<>();

    /** The state of a journal file; empty when there is none yet. */
    public static JournalState read(Path file) {
        JournalState state = new JournalState();
        if (!Files.exists(file)) {
            return state;
        }
        try (Reader in = completeLines(file);
             CSVReader reader = new CSVReaderBuilder(in)
                     .withCSVParser(new CSVParserBuilder().withEscapeChar(ICSVParser.NULL_CHARACTER).build())
                     .build()) {
            String[] header = reader.readNext();
            if (header == null) {
                return state;
            }
            if (!Arrays.asList(header).equals(JournalRow.HEADER)) {
                throw new BadDataException(t("journal.notJournal"),
                        List.of(new Problem(file, 1, t("journal.badHeader", String.join(",", JournalRow.HEADER)))),
                        t("journal.notJournal.hint"));
            }
            long lines = reader.getLinesRead();
            for (String[] values = reader.readNext(); values != null; values = reader.readNext()) {
                long line = lines + 1;
                lines = reader.getLinesRead();
                state.add(file, line, values);
            }
        } catch (IOException | CsvException e) {
            throw new BadDataException(t("journal.unreadable"),
                    List.of(Problem.wholeFile(file, e.getMessage())), t("journal.unreadable.hint"));
        }
        return state;
    }

    /**
     * The file up to its last line end: a row cut short by a crash never reached the disk whole, and
     * its outcome is unknown (the next append cuts it off, see {@link Journal#open}).
     */
    private static Reader completeLines(Path file) throws IOException {
        long complete;
        try (FileChannel channel = FileChannel.open(file)) {
            complete = Journal.completeLength(channel);
        }
        InputStream bytes = new BoundedInputStream(Files.newInputStream(file), complete);
        return new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()));
    }

    /** At most {@code limit} bytes of a stream. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    private void add(Path file, long line, String[] values) {
        if (values.length != JournalRow.HEADER.size()) {
            throw new BadDataException(t("journal.damaged"),
                    List.of(new Problem(file, (int) line, t("journal.values", JournalRow.HEADER.size(), values.length))),
                    t("journal.damaged.hint"));
        }
        JournalRow row;
        try {
            row = new JournalRow(Instant.parse(values[0]), values[1], values[2], values[3], Status.parse(values[4]),
                    values[5], values[6], values[7]);
        } catch (RuntimeException e) {
            throw new BadDataException(t("journal.damaged"),
                    List.of(new Problem(file, (int) line, t("journal.badRow", e.getMessage()))), t("journal.damaged.hint"));
        }
        record(row);
    }

    /** Takes a row read from the journal into account. */
    private void record(JournalRow row) {
        String key = Addresses.normalise(row.email());
        last.put(key, row.status());
        if (row.status() == Status.SENT) {
            unsent.remove(key);
            sentByContent.merge(row.contentHash(), 1, Integer::sum);
        } else {
            unsent.put(key, row);
        }
    }

    public Optional<Status> lastStatus(String email) {
        return Optional.ofNullable(last.get(Addresses.normalise(email)));
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
