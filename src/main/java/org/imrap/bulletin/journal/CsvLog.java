package org.imrap.bulletin.journal;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.io.LogCodec;
import org.imrap.bulletin.io.LogReader;

/**
 * A small append-only record kept beside the journals ({@code journal/inbox.csv},
 * {@code journal/bounces.csv}), written and read like them ({@link LogCodec}, {@link LogReader}): each
 * row reaches the disk before {@link #append} returns, and a row cut short by a crash is ignored when
 * read and cut off before the next append. Every row starts with its time.
 */
public final class CsvLog {
    private final Path file;
    private final List<String> header;
    private final Pattern shape;

    public CsvLog(Path file, List<String> header) {
        this.file = file;
        this.header = List.copyOf(header);
        this.shape = LogReader.timedRow(header.size());
    }

    public Path file() {
        return file;
    }

    /** Every complete row (the header excluded). */
    public List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        if (Files.exists(file)) {
            LogReader.read(file, header, shape, (line, values) -> rows.add(values));
        }
        return rows;
    }

    /** Appends one row and waits until it is on the disk. */
    public void append(List<String> values) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                Journal.prepareForAppend(channel, LogReader.read(file, header, shape, (line, row) -> { }), header);
                ByteBuffer bytes = ByteBuffer.wrap((LogCodec.encode(values) + "\n").getBytes(StandardCharsets.UTF_8));
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
