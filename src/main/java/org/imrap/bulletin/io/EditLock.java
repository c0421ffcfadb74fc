package org.imrap.bulletin.io;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * One writer at a time for a file that is edited by reading it, changing it and replacing it
 * ({@link AtomicFile}): {@code bulletin inbox} from cron and {@code bulletin lists unsubscribe} typed by
 * a person both rewrite {@code recipients/unsubscribed.csv}, and without this one would put back the
 * file as it was before the other's change. The lock is the operating system's, on a file beside the
 * edited one ({@code .NAME.lock}: the edited file itself is replaced, so a lock on it would be a lock
 * on a file nobody else opens). It covers the whole edit, from reading to renaming; it dies with its
 * process. Another writer is waited for a few seconds, then the edit is refused (exit 75).
 */
public final class EditLock implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    private final FileChannel channel;

    private EditLock(FileChannel channel) {
        this.channel = channel;
    }

    /** {@code .NAME.lock} beside {@code NAME}. */
    public static Path lockFileOf(Path edited) {
        return edited.toAbsolutePath().resolveSibling("." + edited.getFileName() + ".lock");
    }

    /** Waits (a few seconds at most) until no other writer, in this process or another, is editing the file. */
    public static EditLock of(Path edited) {
        return of(edited, WAIT);
    }

    static EditLock of(Path edited, Duration wait) {
        Path file = lockFileOf(edited);
        FileChannel channel;
        try {
            Files.createDirectories(file.getParent());
            channel = openLockFile(file);
        } catch (IOException e) {
            throw new BulletinException(ExitCode.CANNOT_CREATE, t("lock.cannotCreate", file, AtomicFile.describe(e)),
                    t("lock.cannotCreate.hint"));
        }
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = 1;
        try {
            while (true) {
                if (tryLock(channel)) {
                    return new EditLock(channel);
                }
                if (System.nanoTime() - deadline > 0) {
                    break;
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 50);
            }
        } catch (IOException e) {
            close(channel);
            throw new BulletinException(ExitCode.CANNOT_CREATE, t("lock.cannotCreate", file, AtomicFile.describe(e)),
                    t("lock.cannotCreate.hint"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close(channel);
        throw new BulletinException(ExitCode.TEMPORARY_FAILURE, t("edit.busy", edited), t("edit.busy.hint"));
    }

    /**
     * Opens (creating it if need be) a lock file for reading and writing, never through a symbolic
     * link: a lock that followed one could truncate or create whatever file it points to. A link is
     * refused with exit 73 and left as it is.
     */
    public static FileChannel openLockFile(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new BulletinException(ExitCode.CANNOT_CREATE, t("lock.symlink", file), t("lock.symlink.hint", file));
        }
        // NOFOLLOW_LINKS also refuses a link made between the check above and this open.
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
    }

    /** False while another process holds it, or another thread of this one (which Java reports by an exception). */
    private static boolean tryLock(FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }

    /** Releases the lock. The lock file stays: deleting it would let a writer lock a file the next one cannot see. */
    @Override
    public void close() {
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing the channel releases the operating system's lock in any case.
        }
    }
}
