package org.imrap.bulletin.journal;

import static org.imrap.bulletin.Text.t;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.ICSVParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.io.CsvLine;

/**
 * A small append-only CSV record kept beside the journals ({@code journal/inbox.csv},
 * {@code journal/bounces.csv}): each row reaches the disk before {@link #append} returns, and a row
 * cut short by a crash is ignored when read and cut off before the next append.
 */
public final class CsvLog {
    private final Path file;
    private final List<String> header;

    public CsvLog(Path file, List<String> header) {
        this.file = file;
        this.header = List.copyOf(header);
    }

    public Path file() {
        return file;
    }

    /** Every complete row (the header excluded). */
    public List<List<String>> rows() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (FileChannel channel = FileChannel.open(file)) {
            long complete = Journal.completeLength(channel);
            ByteBuffer bytes = ByteBuffer.allocate((int) complete);
            while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
                // read it all
            }
            String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
            List<List<String>> rows = new ArrayList<>();
            try (Reader in = new java.io.StringReader(text);
                 var reader = new CSVReaderBuilder(in)
                         .withCSVParser(new CSVParserBuilder().withEscapeChar(ICSVParser.NULL_CHARACTER).build()).build()) {
                reader.readNext();
                for (String[] values = reader.readNext(); values != null; values = reader.readNext()) {
                    rows.add(Arrays.asList(values));
                }
            }
            return rows;
        } catch (IOException | com.opencsv.exceptions.CsvValidationException e) {
            throw new BulletinException(ExitCode.DATA_ERROR, t("file.cannotRead", file, e.getMessage()), null);
        }
    }

    /** Appends one row and waits until it is on the disk. */
    public void append(List<String> values) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                long keep = Journal.completeLength(channel);
                channel.truncate(keep);
                StringBuilder text = new StringBuilder();
                if (keep == 0) {
                    text.append(CsvLine.format(header, ',')).append('\n');
                }
                text.append(CsvLine.format(values, ',')).append('\n');
                ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                channel.position(keep);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(false);
            }
        } catch (IOException e) {
            throw new BulletinException(ExitCode.CANNOT_CREATE, t("file.cannotWrite", file, e.getMessage()),
                    t("file.cannotWrite.hint"));
        }
    }
}
