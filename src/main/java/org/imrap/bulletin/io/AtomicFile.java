package org.imrap.bulletin.io;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * Replaces a file in one step: the content goes to a temporary file beside it, reaches the disk,
 * and is renamed over the target. A crash at any moment leaves either the old file or the new one,
 * never half of one.
 */
public final class AtomicFile {

    /** Writes the content of a file through an output stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    public static void write(Path target, Content content) {
        write(target, content, Access.DEFAULT);
    }

    /**
     * The same, for a secret (tokens, keys): the new file is readable and writable by its owner only (0600)
     * from the moment it exists, whatever the umask, and keeps that mode through the rename. On a file system
     * without POSIX permissions (Windows) it is as private as its folder.
     */
    public static void writeOwnerOnly(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes), Access.OWNER_ONLY);
    }

    /**
     * The same, for a file to publish (the web archive): readable by everyone (0644), as a web server that runs
     * as another user needs it once copied with its mode (rsync -a, scp -p). A temporary file is made 0600.
     */
    public static void writePublic(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes), Access.EVERYONE);
    }

    /** Who may read the new file. */
    private enum Access {
        /** As a temporary file is made: its owner (0600 on POSIX). */
        DEFAULT,
        OWNER_ONLY,
        EVERYONE
    }

    private static void write(Path target, Content content, Access access) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = switch (access) {
                case OWNER_ONLY -> createWithMode(dir, target, "rw-------");
                case EVERYONE -> createWithMode(dir, target, "rw-r--r--");
                case DEFAULT -> Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            };
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            move(temp, target);
            temp = null;
        } catch (IOException e) {
            throw new BulletinException(ExitCode.CANNOT_CREATE,
                    t("file.cannotWrite", target, describe(e)), t("file.cannotWrite.hint"));
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The temporary file is hidden and harmless; the original error matters more.
                }
            }
        }
    }

    private static Path createWithMode(Path dir, Path target, String mode) throws IOException {
        try {
            Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
            // The umask may have taken bits away from what was asked at creation: set the mode itself.
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(mode));
            return temp;
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** "File too large", "AccessDenied (/x/y)": the reason, and its kind where the message alone is unclear. */
    static String describe(IOException e) {
        if (e.getClass() == IOException.class && e.getMessage() != null) {
            return e.getMessage();
        }
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? kind : kind + " (" + e.getMessage() + ")";
    }
}
