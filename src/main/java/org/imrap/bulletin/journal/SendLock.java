package org.imrap.bulletin.journal;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * One send per workspace at a time: {@code send.lock} holds the process id of the run that sends,
 * and the operating system's lock on it (which dies with its process). A lock left by a process that
 * is gone is taken over with a warning; a live one stops the second run (exit 75) naming its pid.
 * The operating system's lock decides, not the pid: pids are reused.
 */
public final class SendLock implements AutoCloseable {
    public static final String FILE = "send.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private SendLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    public static SendLock acquire(Path dir, Consumer<String> warnings) {
        Path file = dir.resolve(FILE);
        long self = ProcessHandle.current().pid();
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            Optional<Long> holder = readPid(channel);
            if (lock == null) {
                channel.close();
                throw busy(file, holder);
            }
            if (holder.isPresent() && holder.get() != self) {
                // The operating system's lock dies with its process: holding it proves the last run is gone,
                // even if its pid now belongs to another program after a reboot.
                warnings.accept(t("lock.takeOver", file, holder.get()));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((self + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return new SendLock(file, channel, lock);
        } catch (IOException e) {
            throw new BulletinException(ExitCode.CANNOT_CREATE, t("lock.cannotCreate", file, e.getMessage()),
                    t("lock.cannotCreate.hint"));
        }
    }

    private static BulletinException busy(Path file, Optional<Long> pid) {
        return new BulletinException(ExitCode.TEMPORARY_FAILURE,
                t("lock.busy", pid.map(p -> " (pid " + p + ")").orElse(""), file), t("lock.busy.hint"));
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
