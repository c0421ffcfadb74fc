package org.imrap.bulletin.preview.live;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Notices when anything the bulletin is made from changes: news, templates, images, settings, lists —
 * every file of the workspace but {@code out/} and {@code journal/} (which bulletin writes itself) and
 * hidden ones. Each change raises {@link #version()}.
 *
 * <p>It looks every {@value #INTERVAL_MS} ms at each file's path, size and modification time instead of
 * using {@link java.nio.file.WatchService}: that one misses changes on network and some mounted file systems
 * (and on macOS it polls every few seconds anyway), and must be told of every new subfolder; a workspace is
 * a few hundred files at most, which cost a few milliseconds to look at. A file changed twice within the
 * resolution of its file system's clock (a second or two on some) may keep the same size and time: as git
 * does with such "racily clean" files, a file modified in the last {@value #RECENT_MS} ms is told apart by a
 * checksum of its content too.
 */
final class WorkspaceWatch implements AutoCloseable {
    static final long INTERVAL_MS = 300;
    private static final long RECENT_MS = 3000;
    private static final Set<String> WRITTEN_BY_BULLETIN = Set.of("out", "journal");

    private final Path root;
    private final AtomicLong version = new AtomicLong(1);
    private Map<Path, Seen> seen;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bulletin-watch");
        thread.setDaemon(true);
        return thread;
    });

    /** What was seen of one file: its size and time, and the checksum of its content while it was recent. */
    private record Seen(long size, long modified, long checksum) {
        static final long NONE = -2;
    }

    WorkspaceWatch(Path root) {
        this.root = root;
        this.seen = look(Map.of());
        timer.scheduleWithFixedDelay(this::lookAgain, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Starts at 1; one more each time the workspace is seen to have changed. */
    long version() {
        return version.get();
    }

    private void lookAgain() {
        try {
            Map<Path, Seen> now = look(seen);
            if (!now.equals(seen)) {
                version.incrementAndGet();
            }
            seen = now;
        } catch (RuntimeException e) {
            // A failed look must not end the timer: the next one may succeed.
        }
    }

    /** Every watched file as it is now; {@code before} saves reading again what has not changed. */
    private Map<Path, Seen> look(Map<Path, Seen> before) {
        Map<Path, Seen> now = new HashMap<>();
        long recent = System.currentTimeMillis() - RECENT_MS;  // files' times are the machine's, whatever "today" is
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (!dir.equals(root) && (hidden(dir) || dir.getParent().equals(root)
                            && WRITTEN_BY_BULLETIN.contains(dir.getFileName().toString()))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (!hidden(file)) {
                        long size = attributes.size();
                        long modified = attributes.lastModifiedTime().toMillis();
                        Seen earlier = before.get(file);
                        long checksum = modified >= recent ? checksum(file)
                                : earlier != null && earlier.size() == size && earlier.modified() == modified
                                ? earlier.checksum() : Seen.NONE;
                        now.put(file, new Seen(size, modified, checksum));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Gone while walked, unreadable, or a link that loops: that it is there is what counts.
                    now.put(file, new Seen(-1, -1, Seen.NONE));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            now.clear();  // the workspace itself is gone: the page will say so
        }
        return now;
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    /** A file just changed may change again within the same tick of its clock: its content tells. */
    private static long checksum(Path file) {
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                crc.update(buffer, 0, read);
            }
        } catch (IOException e) {
            return -1;
        }
        return crc.getValue();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
