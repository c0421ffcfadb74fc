package org.imrap.bulletin.journal;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.io.CsvLine;

/**
 * The send journal, open for appending. Every row reaches the disk (write, then fsync) before
 * {@link #append} returns, so that the next message is handed to the server only once the outcome
 * of the last one is safe. If a row cannot be written, {@link JournalWriteException} stops the run:
 * nothing is sent that is not journaled.
 */
public final class Journal implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Thrown when the journal cannot be written: sending must stop at once. */
    public static final class JournalWriteException extends BulletinException {
        JournalWriteException(Path file, IOException cause) {
            super(ExitCode.CANNOT_CREATE, t("journal.cannotWrite", file, cause.getMessage()), t("journal.cannotWrite.hint"),
                    cause);
        }

        /** The same failure, saying which outcome it could not record. */
        public JournalWriteException(JournalWriteException failure, String lost) {
            super(ExitCode.CANNOT_CREATE, failure.getMessage() + "; " + lost,
                    t("journal.twice.hint", failure.hint().orElse("")), failure);
        }
    }

    /**
     * Opens (creating with its header) the journal. A last line left half-written by a crash is cut
     * off first, so that new rows start on a line of their own.
     */
    public static Journal open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            Journal journal = new Journal(file, channel);
            if (channel.size() == 0) {
                journal.write(CsvLine.format(JournalRow.HEADER, ',') + "\n");
            } else {
                journal.cutTornTail();
            }
            return journal;
        } catch (IOException e) {
            throw new JournalWriteException(file, e);
        }
    }

    private void cutTornTail() throws IOException {
        long keep = completeLength(channel);
        if (keep < channel.size()) {
            channel.truncate(keep);
            channel.force(true);
        }
        channel.position(keep);
        if (keep == 0) {
            write(CsvLine.format(JournalRow.HEADER, ',') + "\n");
        }
    }

    /** The length of the file up to and including its last line end: what was written whole. */
    static long completeLength(FileChannel channel) throws IOException {
        long length = channel.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (length > 0) {
            one.clear();
            channel.read(one, length - 1);
            if (one.get(0) == '\n') {
                break;
            }
            length--;
        }
        return length;
    }

    /** Appends one row and waits until it is on the disk. */
    public void append(JournalRow row) {
        try {
            write(CsvLine.format(row.values(), ',') + "\n");
        } catch (IOException e) {
            throw new JournalWriteException(file, e);
        }
    }

    private void write(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new JournalWriteException(file, e);
        }
    }
}
