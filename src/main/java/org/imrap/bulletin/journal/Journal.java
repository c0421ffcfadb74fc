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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.io.LogCodec;
import org.imrap.bulletin.io.LogReader;

/**
 * The send journal, open for appending. Rows are written by one thread, which flushes (fsync) once
 * for every row waiting when it starts — concurrent connections share one flush (group commit).
 * {@link #append} returns at once with a {@link Pending} row; {@link Pending#await} returns only
 * when that row is on the disk, so a sender hands the server its next message only after awaiting
 * the last outcome. If the journal cannot be written, every waiting and later row fails with
 * {@link JournalWriteException}: nothing is sent that is not journaled.
 */
public final class Journal implements AutoCloseable {
    private static final Pending CLOSE = new Pending(null, "");

    private final Path file;
    private final FileChannel channel;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile JournalWriteException failure;
    private boolean closed;

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.writer = new Thread(this::writeWaitingRows, "journal-writer");
        writer.setDaemon(true);
    }

    /** A row on its way to the disk. */
    public static final class Pending {
        private final JournalRow row;
        private final String line;
        private final CompletableFuture<Void> written = new CompletableFuture<>();

        private Pending(JournalRow row, String line) {
            this.row = row;
            this.line = line;
        }

        public JournalRow row() {
            return row;
        }

        /** Waits until the row is on the disk. */
        public void await() {
            try {
                written.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw (JournalWriteException) e.getCause();
            }
        }
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
        FileChannel channel = null;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Journal journal = new Journal(file, channel);
            journal.prepareForAppend(JournalState.readRows(file, row -> { }));
            journal.writer.start();
            return journal;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new JournalWriteException(file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing was written through it.
            }
        }
    }

    /**
     * Cuts off a row a crash left half-written (never a complete one), ends a last row that has lost
     * its line end, and writes the header into a new file.
     */
    private void prepareForAppend(LogReader.Tail tail) throws IOException {
        prepareForAppend(channel, tail, JournalRow.HEADER);
    }

    /** What {@link #prepareForAppend(LogReader.Tail)} does, for any file of {@link LogCodec} rows. */
    static void prepareForAppend(FileChannel channel, LogReader.Tail tail, List<String> header) throws IOException {
        if (tail.torn()) {
            channel.truncate(tail.keep());
        }
        channel.position(tail.keep());
        String start = tail.empty() ? LogCodec.encode(header) + "\n" : tail.needsLineEnd() ? "\n" : "";
        if (!start.isEmpty() || tail.torn()) {
            write(channel, start);
        }
    }

    /** Hands one row to the writer; {@link Pending#await} says when it is on the disk. */
    public Pending append(JournalRow row) {
        Pending pending = new Pending(row, LogCodec.encode(row.values()) + "\n");
        synchronized (this) {
            // Never after CLOSE: the writer would be gone and the row would wait for ever.
            if (closed) {
                throw new IllegalStateException("journal closed: " + file);
            }
            JournalWriteException failed = failure;
            if (failed != null) {
                pending.written.completeExceptionally(failed);
            } else {
                waiting.add(pending);
            }
        }
        return pending;
    }

    /** The writer thread: takes every row waiting, writes them, flushes once, says so to each. */
    private void writeWaitingRows() {
        List<Pending> batch = new ArrayList<>();
        boolean closing = false;
        while (!closing) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(batch);
            closing = batch.remove(CLOSE);
            if (!batch.isEmpty()) {
                writeBatch(batch);
            }
            batch.clear();
        }
    }

    private void writeBatch(List<Pending> batch) {
        if (failure == null) {
            StringBuilder lines = new StringBuilder();
            batch.forEach(pending -> lines.append(pending.line));
            try {
                write(lines.toString());
            } catch (IOException e) {
                failure = new JournalWriteException(file, e);
            } catch (RuntimeException | Error e) {
                // Whatever stops the writer must fail the waiting rows, or their senders wait for ever.
                failure = new JournalWriteException(file, new IOException(e.toString(), e));
            }
        }
        for (Pending pending : batch) {
            if (failure == null) {
                pending.written.complete(null);
            } else {
                pending.written.completeExceptionally(failure);
            }
        }
    }

    private void write(String lines) throws IOException {
        write(channel, lines);
    }

    private static void write(FileChannel channel, String lines) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    public Path file() {
        return file;
    }

    /** Writes every row handed over so far, then closes the file. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            waiting.add(CLOSE);
        }
        if (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new JournalWriteException(file, e);
        }
    }
}
