package org.imrap.bulletin.config;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * {@code bulletin.secret}: a random key kept in the workspace, readable by its owner only, never in
 * the repository. It signs unsubscribe links. Made on first need.
 */
public final class WorkspaceSecret {
    public static final String FILE = "bulletin.secret";

    private WorkspaceSecret() {
    }

    public static byte[] load(Path workspaceRoot) {
        Path file = workspaceRoot.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return HexFormat.of().parseHex(hex);
        } catch (IOException | IllegalArgumentException e) {
            throw new BulletinException(ExitCode.CONFIG, t("secret.unreadable", file, e.getMessage()),
                    t("secret.unreadable.hint"));
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return;
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
    }
}
