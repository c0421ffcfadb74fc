package org.imrap.bulletin.config;

import static org.imrap.bulletin.Text.t;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * The mailbox bulletin reads unsubscribe requests and bounces from ({@code inbox.*} in
 * bulletin.properties, each also from the environment: {@code BULLETIN_INBOX_HOST} …).
 *
 * @param protocol    {@code imaps} (TLS), {@code imap} (STARTTLS required), {@code pop3s}; {@code imap} and
 *                    {@code pop3} without TLS only with {@code inbox.security=none}, on this machine
 * @param doneFolder  the IMAP folder handled messages are moved to
 * @param hardBounces permanent failures (5.x.x) after which an address is suppressed
 * @param softBounces temporary failures (4.x.x), in different campaigns, after which it is suppressed
 * @param authservId  {@code inbox.authservId}: the name the receiving server gives its
 *                    Authentication-Results (e.g. mx.google.com); when set, a request "from the address"
 *                    counts only if that server vouches for the sender
 * @param auth        {@code inbox.auth}: a password (the default), or OAuth2 (SASL XOAUTH2, {@code bulletin login})
 */
public record InboxSettings(String host, int port, String protocol, boolean tls, Optional<String> username,
                            Optional<Path> passwordFile, String folder, String doneFolder, int hardBounces,
                            int softBounces, Duration connectTimeout, Duration readTimeout,
                            Optional<String> authservId, Auth auth) {

    /** A mailbox reached with a password. */
    public InboxSettings(String host, int port, String protocol, boolean tls, Optional<String> username,
                         Optional<Path> passwordFile, String folder, String doneFolder, int hardBounces,
                         int softBounces, Duration connectTimeout, Duration readTimeout,
                         Optional<String> authservId) {
        this(host, port, protocol, tls, username, passwordFile, folder, doneFolder, hardBounces, softBounces,
                connectTimeout, readTimeout, authservId, Auth.PASSWORD);
    }

    public static InboxSettings resolve(Settings file, Map<String, String> env) {
        String host = get(file, env, "inbox.host", "BULLETIN_INBOX_HOST").orElseThrow(() -> new BulletinException(
                ExitCode.CONFIG, t("inbox.noHost", file.file()), t("inbox.noHost.hint")));
        String protocol = get(file, env, "inbox.protocol", "BULLETIN_INBOX_PROTOCOL").orElse("imaps")
                .toLowerCase(Locale.ROOT);
        if (!protocol.matches("imaps|imap|pop3s|pop3")) {
            throw file.error("inbox.protocol", t("inbox.badProtocol", protocol), t("inbox.badProtocol.hint"));
        }
        boolean none = file.optional("inbox.security").map(v -> v.equalsIgnoreCase("none")).orElse(false);
        if (none && !SmtpSettings.isLoopback(host)) {
            throw file.error("inbox.security", t("inbox.noneOffMachine", host), t("inbox.noneOffMachine.hint"));
        }
        if (protocol.equals("pop3") && !none) {
            throw file.error("inbox.protocol", t("inbox.pop3Plain"), t("inbox.badProtocol.hint"));
        }
        int defaultPort = switch (protocol) {
            case "imaps" -> 993;
            case "imap" -> 143;
            case "pop3s" -> 995;
            default -> 110;
        };
        int port = file.integer("inbox.port", get(file, env, "inbox.port", "BULLETIN_INBOX_PORT"), defaultPort,
                SmtpSettings.PORT);
        String folder = get(file, env, "inbox.folder", "BULLETIN_INBOX_FOLDER").orElse("INBOX");
        String doneFolder = file.optional("inbox.doneFolder").orElse("bulletin-traite");
        if (doneFolder.equalsIgnoreCase(folder)) {
            throw file.error("inbox.doneFolder", t("inbox.sameFolder", folder), t("inbox.sameFolder.hint"));
        }
        Auth auth = get(file, env, "inbox.auth", "BULLETIN_INBOX_AUTH")
                .map(value -> SmtpSettings.auth(file, "inbox.auth", value)).orElse(Auth.PASSWORD);
        Optional<String> username = get(file, env, "inbox.username", "BULLETIN_INBOX_USERNAME");
        if (auth == Auth.OAUTH2 && username.isEmpty()) {
            throw new BulletinException(ExitCode.CONFIG, t("inbox.oauth2NoUser", file.file()), t("inbox.oauth2NoUser.hint"));
        }
        return new InboxSettings(host, port, protocol, !none,
                username,
                get(file, env, "inbox.passwordFile", "BULLETIN_INBOX_PASSWORD_FILE")
                        .map(value -> file.file().toAbsolutePath().getParent().resolve(value)),
                folder, doneFolder,
                file.integer("inbox.hardBounces", 1, Settings.Range.atLeast(1)),
                file.integer("inbox.softBounces", 3, Settings.Range.atLeast(1)),
                file.timeout("inbox.connectTimeout", Duration.ofSeconds(15)),
                file.timeout("inbox.readTimeout", Duration.ofSeconds(60)),
                file.optional("inbox.authservId"), auth);
    }

    public boolean isImap() {
        return protocol.startsWith("imap");
    }

    /** "imap.example.org:993 (imaps)". */
    public String describe() {
        return host + ":" + port + " (" + protocol + (tls ? "" : ", " + t("inbox.unencrypted")) + ")";
    }

    private static Optional<String> get(Settings file, Map<String, String> env, String key, String variable) {
        String value = env.get(variable);
        return value != null && !value.isBlank() ? Optional.of(value.strip()) : file.optional(key);
    }
}
