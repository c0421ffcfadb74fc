package org.imrap.bulletin.config;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * {@code bulletin.secret}: a random key kept in the workspace, readable by its owner only, never in
 * the repository. It signs unsubscribe links. Made on first need, in one step (a full disk leaves no
 * file rather than an empty one); a secret that is empty, shorter than {@value #KEY_BYTES} bytes or
 * open to other users is refused, never used.
 */
public final class WorkspaceSecret {
    public static final String FILE = "bulletin.secret";
    static final int KEY_BYTES = 32;

    private WorkspaceSecret() {
    }

    public static byte[] load(Path workspaceRoot) {
        Path file = workspaceRoot.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return check(file);
        } catch (IOException | IllegalArgumentException e) {
            throw new BulletinException(ExitCode.CONFIG, t("secret.unreadable", file, e.getMessage()),
                    t("secret.unreadable.hint"));
        }
    }

    private static byte[] check(Path file) throws IOException {
        try {
            if (Passwords.othersCanOpen(file)) {
                throw new BulletinException(ExitCode.CONFIG, t("secret.open", file), t("secret.open.hint", file));
            }
        } catch (UnsupportedOperationException e) {
            // No POSIX permissions (Windows): the file is as private as the user's folder. Refusing here, as a
            // password file is refused, would leave no way to sign links at all (there is no variable for the key).
        }
        byte[] key = HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip());
        if (key.length == 0) {
            throw new BulletinException(ExitCode.CONFIG, t("secret.empty", file), t("secret.empty.hint", file));
        }
        if (key.length < KEY_BYTES) {
            throw new BulletinException(ExitCode.CONFIG, t("secret.short", file, org.imrap.bulletin.Text.count(key.length, "count.byte"), KEY_BYTES),
                    t("secret.short.hint", file));
        }
        return key;
    }

    /**
     * Writes the whole key to a temporary file (owner only), forces it to the disk, and only then
     * gives it its name: a crash or a full disk leaves no secret, and the next run makes one.
     */
    private static void create(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path dir = file.toAbsolutePath().getParent();
        Path temp;
        try {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            temp = Files.createTempFile(dir, "." + FILE, ".tmp", ownerOnly);
        } catch (UnsupportedOperationException e) {
            temp = Files.createTempFile(dir, "." + FILE, ".tmp");
        }
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap((HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            // Without REPLACE_EXISTING: a secret another run made a moment ago is kept, not replaced.
            Files.move(temp, file);
        } catch (FileAlreadyExistsException e) {
            // Another run made it first: its key is the one.
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
