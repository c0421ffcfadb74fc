package org.imrap.bulletin.journal;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.io.EditLock;

/**
 * One send, and one inbox run, per workspace at a time: {@code send.lock} (or {@code inbox.lock})
 * holds the process id of the run, and the operating system's lock on it (which dies with its
 * process). A lock left by a process that is gone is taken over with a warning; a live one stops the
 * second run (exit 75) naming its pid. The operating system's lock decides, not the pid: pids are
 * reused. A send and an inbox run may overlap: they do not write the same files. The lock file is never
 * opened through a symbolic link.
 */
public final class RunLock implements AutoCloseable {

    /** What a lock keeps to one at a time: its file, and the prefix of its messages. */
    public enum Kind {
        SEND("send.lock", "lock."),
        INBOX("inbox.lock", "lock.inbox.");

        private final String file;
        private final String messages;

        Kind(String file, String messages) {
            this.file = file;
            this.messages = messages;
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    public static RunLock acquire(Kind kind, Path dir, Consumer<String> warnings) {
        Path file = dir.resolve(kind.file);
        long self = ProcessHandle.current().pid();
        try {
            Files.createDirectories(dir);
            // Never through a symbolic link: truncating it would empty the file it points to.
            FileChannel channel = EditLock.openLockFile(file);
            FileLock lock = channel.tryLock();
            Optional<Long> holder = readPid(channel);
            if (lock == null) {
                channel.close();
                throw busy(kind, file, holder);
            }
            if (holder.isPresent() && holder.get() != self) {
                // The operating system's lock dies with its process: holding it proves the last run is gone,
                // even if its pid now belongs to another program (pids are reused, after a reboot too).
                boolean reused = ProcessHandle.of(holder.get()).isPresent();
                warnings.accept(t(kind.messages + (reused ? "takeOver.reused" : "takeOver"), file, holder.get()));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((self + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return new RunLock(file, channel, lock);
        } catch (IOException e) {
            throw new BulletinException(ExitCode.CANNOT_CREATE, t("lock.cannotCreate", file, e.getMessage()),
                    t("lock.cannotCreate.hint"));
        }
    }

    private static BulletinException busy(Kind kind, Path file, Optional<Long> pid) {
        return new BulletinException(ExitCode.TEMPORARY_FAILURE,
                t(kind.messages + "busy", pid.map(p -> " (pid " + p + ")").orElse(""), file), t(kind.messages + "busy.hint"));
    }

    private static Optional<Long> readPid(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Empties the file and releases the lock. The file itself stays: deleting it would let a run
     * that opened it a moment before lock a file no other run can see.
     */
    @Override
    public void close() {
        try {
            channel.truncate(0);
            channel.force(true);
        } catch (IOException e) {
            // An unreleased pid is harmless: the next run finds the process gone and takes over.
        } finally {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // Closing the channel releases the operating system's lock in any case.
            }
        }
    }
}
