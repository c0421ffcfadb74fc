package org.imrap.bulletin.config;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * A server password (SMTP or the inbox), from the environment ({@code BULLETIN_SMTP_PASSWORD},
 * {@code BULLETIN_INBOX_PASSWORD}), else a file only its owner can read ({@code smtp.passwordFile},
 * {@code inbox.passwordFile}), else a prompt on a terminal — never from bulletin.properties, never printed.
 */
public final class Passwords {
    public static final String SMTP_VARIABLE = "BULLETIN_SMTP_PASSWORD";
    public static final String INBOX_VARIABLE = "BULLETIN_INBOX_PASSWORD";

    /** Asks a person for a password without echo; empty when there is nobody to ask. */
    @FunctionalInterface
    public interface Prompt {
        Optional<char[]> ask(String question);
    }

    private Passwords() {
    }

    /** The SMTP password; empty when the server needs no login (no smtp.username). */
    public static Optional<char[]> smtp(SmtpSettings smtp, Map<String, String> env, Prompt prompt) {
        return obtain(smtp.username(), smtp.host(), smtp.passwordFile(), SMTP_VARIABLE, env, prompt);
    }

    /** Empty when there is no user name (no login). */
    public static Optional<char[]> obtain(Optional<String> username, String host, Optional<Path> passwordFile,
                                          String variable, Map<String, String> env, Prompt prompt) {
        if (username.isEmpty()) {
            return Optional.empty();
        }
        String fromEnv = env.get(variable);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Optional.of(fromEnv.toCharArray());
        }
        if (passwordFile.isPresent()) {
            return Optional.of(readFile(passwordFile.get(), variable));
        }
        Optional<char[]> typed = prompt.ask(t("password.prompt", username.get(), host));
        if (typed.isPresent() && typed.get().length > 0) {
            return typed;
        }
        throw new BulletinException(ExitCode.CONFIG, t("password.none", username.get(), host),
                t("password.none.hint", variable));
    }

    /**
     * True when the group or other users may read or write the file (what {@code chmod 600} forbids).
     *
     * @throws UnsupportedOperationException on a file system without POSIX permissions
     */
    public static boolean othersCanOpen(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_READ)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }

    private static char[] readFile(Path file, String variable) {
        try {
            if (othersCanOpen(file)) {
                throw new BulletinException(ExitCode.CONFIG, t("password.open", file), t("password.open.hint", file));
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String password = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            return password.toCharArray();
        } catch (UnsupportedOperationException e) {
            throw new BulletinException(ExitCode.CONFIG, t("password.noPosix", file), t("password.noPosix.hint", variable));
        } catch (IOException e) {
            throw new BulletinException(ExitCode.CONFIG, t("password.unreadable", file, e.getMessage()), t("password.unreadable.hint"));
        }
    }
}
