package org.imrap.bulletin.recipients;

import static org.imrap.bulletin.Text.t;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.ICSVParser;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvValidationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.Problem;

/**
 * Streams the records of a CSV file one at a time (OpenCSV, RFC 4180 quoting, no backslash escapes),
 * with the line each starts on. A quote that is never closed ends the file with a problem that names
 * the line it was opened on.
 */
final class CsvRecords implements AutoCloseable {
    private final Path file;
    private final CSVReader reader;
    private long linesBefore;
    private Problem malformed;

    CsvRecords(Path file, CsvFormat format) throws IOException {
        this.file = file;
        Reader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), format.charset()));
        if (format.byteOrderMark()) {
            in.skip(1);
        }
        this.reader = new CSVReaderBuilder(in)
                .withCSVParser(new CSVParserBuilder()
                        .withSeparator(format.separator())
                        .withEscapeChar(ICSVParser.NULL_CHARACTER)
                        .build())
                .withKeepCarriageReturn(false)
                .build();
    }

    /** The next record, or empty at the end of the file (or at a malformed record: see {@link #malformed()}). */
    Optional<CsvRecord> next() throws IOException {
        if (malformed != null) {
            return Optional.empty();
        }
        try {
            String[] values = reader.readNext();
            if (values == null) {
                return Optional.empty();
            }
            int line = (int) linesBefore + 1;
            linesBefore = reader.getLinesRead();
            return Optional.of(new CsvRecord(line, (int) linesBefore, List.copyOf(Arrays.asList(values))));
        } catch (CsvMalformedLineException e) {
            malformed = new Problem(file, (int) linesBefore + 1,
                    t("csv.unclosedQuote"));
            return Optional.empty();
        } catch (CsvValidationException e) {
            // OpenCSV's words are English: say it in the user's language.
            malformed = new Problem(file, (int) linesBefore + 1, t("csv.badRecord"));
            return Optional.empty();
        }
    }

    /** Why reading stopped before the end of the file, if it did. */
    Optional<Problem> malformed() {
        return Optional.ofNullable(malformed);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
