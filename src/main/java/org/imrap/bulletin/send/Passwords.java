package org.imrap.bulletin.send;

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
import org.imrap.bulletin.config.SmtpSettings;

/**
 * The SMTP password, from {@code BULLETIN_SMTP_PASSWORD}, else a file only its owner can read
 * ({@code smtp.passwordFile}), else a prompt on a terminal — never from bulletin.properties, never printed.
 */
final class Passwords {
    static final String VARIABLE = "BULLETIN_SMTP_PASSWORD";

    private Passwords() {
    }

    /** Empty when the server needs no login (no smtp.username). */
    static Optional<char[]> obtain(SmtpSettings smtp, Map<String, String> env, Operator operator) {
        if (smtp.username().isEmpty()) {
            return Optional.empty();
        }
        String fromEnv = env.get(VARIABLE);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Optional.of(fromEnv.toCharArray());
        }
        if (smtp.passwordFile().isPresent()) {
            return Optional.of(readFile(smtp.passwordFile().get()));
        }
        if (operator.interactive()) {
            Optional<char[]> typed = operator.password(t("password.prompt", smtp.username().get(), smtp.host()));
            if (typed.isPresent() && typed.get().length > 0) {
                return typed;
            }
        }
        throw new BulletinException(ExitCode.CONFIG, t("password.none", smtp.username().get(), smtp.host()),
                t("password.none.hint", VARIABLE));
    }

    private static char[] readFile(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            for (PosixFilePermission open : new PosixFilePermission[] {PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE}) {
                if (permissions.contains(open)) {
                    throw new BulletinException(ExitCode.CONFIG, t("password.open", file), t("password.open.hint", file));
                }
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String password = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            return password.toCharArray();
        } catch (UnsupportedOperationException e) {
            throw new BulletinException(ExitCode.CONFIG, t("password.noPosix", file), t("password.noPosix.hint", VARIABLE));
        } catch (IOException e) {
            throw new BulletinException(ExitCode.CONFIG, t("password.unreadable", file, e.getMessage()), t("password.unreadable.hint"));
        }
    }
}
