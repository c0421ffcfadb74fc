package org.imrap.bulletin.check;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Security;
import org.imrap.bulletin.config.Auth;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.mail.PortProbe;
import org.imrap.bulletin.mail.Login;
import org.imrap.bulletin.mail.SmtpConnection;
import org.imrap.bulletin.mail.TlsAnswerException;

/**
 * The SMTP server, step by step as {@code send} meets it: DNS, TCP, TLS or STARTTLS, the greeting,
 * EHLO and its extensions (RFC 5321 §4.1.1.1), then — through {@link SmtpConnection}, the very code
 * {@code send} uses — the login and {@code MAIL FROM} the sender, undone with {@code RSET}. No message
 * is sent. Returns the exit code {@code send} would give.
 */
final class SmtpCheck extends ServerCheck<Map<String, String>> {
    /** What Angus logs in with, given a password (its default mechanisms; XOAUTH2 needs a token). */
    static final List<String> PASSWORD_MECHANISMS = List.of("LOGIN", "PLAIN", "DIGEST-MD5", "NTLM");

    private final SmtpSettings smtp;
    private final String sender;

    /**
     * @param credentials what {@code send} logs in with: the password or OAuth2 token, as {@code Logins.smtp} finds it
     *                    (throws a {@link BulletinException} when there is none)
     */
    SmtpCheck(SmtpSettings smtp, String sender, Supplier<Optional<Login>> credentials, Network network,
              Progress progress) {
        super(credentials, network, progress);
        this.smtp = smtp;
        this.sender = sender;
    }

    ExitCode run() {
        progress.section(t("check.section.smtp", smtp.describe()));
        if (smtp.isSandbox()) {
            progress.ok(t("check.step.server"), t("check.sandbox"));
            return ExitCode.OK;
        }
        return reachAndLogIn(smtp.host(), smtp.port(), smtp.connectTimeout(), "smtp", t("smtp.unreachable.hint"));
    }

    /** The steps of {@link #greetingAndStartTls}; the extensions offered, the dialog ended with QUIT. */
    @Override
    Optional<Map<String, String>> converse(Dialog dialog, InetSocketAddress address) throws IOException {
        Optional<Map<String, String>> extensions = greetingAndStartTls(dialog, address);
        if (extensions.isPresent()) {
            quit(dialog);
        }
        return extensions;
    }

    /** TLS, the greeting, EHLO, STARTTLS and EHLO again: the extensions offered, or empty (reported). */
    private Optional<Map<String, String>> greetingAndStartTls(Dialog dialog, InetSocketAddress address) throws IOException {
        if (smtp.security() == Security.SSL) {
            Optional<SSLSocket> tls = network.handshake(t("check.step.tls"), dialog.socket(), smtp.host(), "smtp.host",
                    () -> plainTextHint(address));
            if (tls.isEmpty()) {
                return Optional.empty();
            }
            dialog.use(tls.get());
        }
        String greetingStep = t("check.step.greeting");
        dialog.limit(smtp.connectTimeout());
        Dialog.Reply greeting;
        try {
            greeting = dialog.read();
        } catch (SocketTimeoutException e) {
            noGreeting(address);
            return Optional.empty();
        } catch (TlsAnswerException e) {
            progress.failed(greetingStep, t("smtp.tlsAnswerPort", smtp.port()), t("smtp.tlsPort.hint", smtp.port()));
            return Optional.empty();
        }
        if (greeting.code() != 220) {
            progress.failed(greetingStep, t("check.greeting.refused", greeting.text()), t("check.greeting.refused.hint"));
            return Optional.empty();
        }
        progress.ok(greetingStep, greeting.text());
        dialog.limit(smtp.readTimeout());
        Map<String, String> extensions = ehlo(dialog);
        if (smtp.security() != Security.STARTTLS) {
            return Optional.of(extensions);
        }
        String what = t("check.step.starttls");
        if (!extensions.containsKey("STARTTLS")) {
            progress.failed(what, t("smtp.noStarttls"), t("check.noStarttls.hint", smtp.port()));
            return Optional.empty();
        }
        Dialog.Reply ready = dialog.command("STARTTLS");
        if (ready.code() != 220) {
            progress.failed(what, t("check.starttls.refused", ready.text()), t("smtp.unreachable.hint"));
            return Optional.empty();
        }
        Optional<SSLSocket> tls = network.handshake(what, dialog.socket(), smtp.host(), "smtp.host",
                () -> t("smtp.unreachable.hint"));
        if (tls.isEmpty()) {
            return Optional.empty();
        }
        dialog.use(tls.get());
        // The extensions before STARTTLS no longer hold (RFC 3207 §4.2); AUTH is often offered only now.
        return Optional.of(ehlo(dialog));
    }

    /** No greeting within the connect timeout: a port that expects TLS from the first byte, if a TLS hello says so. */
    private void noGreeting(InetSocketAddress address) {
        String what = t("check.step.greeting");
        long seconds = smtp.connectTimeout().toSeconds();
        if (smtp.security() != Security.SSL
                && PortProbe.probe(address, smtp.host(), smtp.connectTimeout(), network.tls()) == PortProbe.Speaks.TLS) {
            progress.failed(what, t("smtp.tlsPort", smtp.port(), seconds), t("smtp.tlsPort.hint", smtp.port()));
        } else {
            progress.failed(what, t("smtp.noGreeting", seconds), t("smtp.unreachable.hint"));
        }
    }

    /** TLS was spoken to a port that answers in plain text: whether it offers STARTTLS says which pair to use. */
    private String plainTextHint(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) smtp.connectTimeout().toMillis());
            Dialog dialog = new Dialog(socket);
            dialog.limit(smtp.connectTimeout());
            if (dialog.read().code() == 220) {
                Dialog.Reply ehlo = dialog.command("EHLO " + dialog.clientName());
                boolean startTls = ehlo.code() == 250 && extensions(ehlo).containsKey("STARTTLS");
                quit(dialog);
                return startTls ? t("check.useStarttls.hint", smtp.port()) : t("check.noEncryption.hint", smtp.port());
            }
        } catch (IOException e) {
            // the plain hint, below
        }
        return t("smtp.plainTextPort.hint", smtp.port());
    }

    /** EHLO, or HELO when a server refuses it (as Angus falls back); the extensions offered (none after HELO). */
    private Map<String, String> ehlo(Dialog dialog) throws IOException {
        String what = t("check.step.ehlo");
        Dialog.Reply reply = dialog.command("EHLO " + dialog.clientName());
        if (reply.code() != 250) {
            Dialog.Reply helo = dialog.command("HELO " + dialog.clientName());
            progress.warning(what, t("check.ehlo.refused", reply.text(), helo.text()), t("check.ehlo.refused.hint"));
            return Map.of();
        }
        Map<String, String> extensions = extensions(reply);
        progress.ok(what, describe(extensions));
        return extensions;
    }

    /** The extensions of an EHLO reply (RFC 5321 §4.1.1.1): keyword, in capitals, and its parameters. */
    static Map<String, String> extensions(Dialog.Reply ehlo) {
        Map<String, String> extensions = new LinkedHashMap<>();
        for (String line : ehlo.lines().subList(1, ehlo.lines().size())) {
            String[] parts = line.strip().split("[ =]", 2);
            if (parts[0].isEmpty()) {
                continue;
            }
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            String parameters = parts.length > 1 ? parts[1].strip() : "";
            extensions.merge(keyword, parameters, (a, b) -> (a + " " + b).strip());
        }
        return extensions;
    }

    /** "SIZE 35 MB, PIPELINING, AUTH PLAIN LOGIN, 8BITMIME". */
    static String describe(Map<String, String> extensions) {
        if (extensions.isEmpty()) {
            return t("check.ehlo.none");
        }
        List<String> shown = new ArrayList<>();
        extensions.forEach((keyword, parameters) -> {
            if (keyword.equals("SIZE")) {
                shown.add(parameters.matches("[1-9][0-9]{0,18}")
                        ? t("check.ehlo.size", Long.parseLong(parameters) / 1_000_000) : "SIZE");
            } else if (keyword.equals("AUTH")) {
                shown.add(("AUTH " + parameters.toUpperCase(Locale.ROOT)).strip());
            } else {
                shown.add(keyword);
            }
        });
        if (!extensions.containsKey("AUTH")) {
            shown.add(t("check.ehlo.noAuth"));
        }
        return String.join(", ", shown);
    }

    private static List<String> mechanisms(Map<String, String> extensions) {
        String offered = extensions.getOrDefault("AUTH", "").strip();
        return offered.isEmpty() ? List.of() : List.of(offered.toUpperCase(Locale.ROOT).split("\\s+"));
    }

    /** The login and MAIL FROM, through the code send uses; the exit code send would give. */
    @Override
    ExitCode logIn(Map<String, String> extensions) {
        String what = t("check.step.login");
        List<String> mechanisms = mechanisms(extensions);
        Optional<String> username = smtp.username();
        if (username.isPresent() && smtp.auth() != Auth.OAUTH2 && !mechanisms.isEmpty()
                && mechanisms.stream().noneMatch(PASSWORD_MECHANISMS::contains)) {
            progress.failed(what, t("check.login.oauthOnly", String.join(" ", mechanisms)),
                    t("check.login.oauthOnly.hint"));
            return ExitCode.NO_PERMISSION;
        }
        if (username.isPresent() && mechanisms.isEmpty()) {
            // Angus then sends without logging in: MAIL FROM says whether the server minds.
            progress.warning(what, t("check.login.noAuth", username.get()), t("check.login.noAuth.hint"));
        }
        return withLogin(what, login -> {
            try (SmtpConnection connection = new SmtpConnection(smtp, sender, login.orElse(null), Optional.empty(),
                    network.tls())) {
                connection.connect();
                if (username.isEmpty()) {
                    progress.ok(what, t("check.login.none"));
                } else if (!mechanisms.isEmpty()) {
                    progress.ok(what, t("check.login.ok", username.get()));
                }
                SmtpConnection.Reply reply = connection.trySender();
                String mailFrom = t("check.step.mailFrom");
                if (reply.code() / 100 == 2) {
                    progress.ok(mailFrom, t("check.sender.ok", sender, reply.text()));
                    return ExitCode.OK;
                }
                progress.failed(mailFrom, t("check.sender.refused", sender, reply.text()), senderHint(reply.code()));
                return ExitCode.TEMPORARY_FAILURE;  // send stops at a refused sender, everyone left for the next run
            } catch (BulletinException e) {
                progress.failed(what, e.getMessage(), loginHint(e));
                return e.exitCode();
            }
        });
    }

    private String senderHint(int code) {
        if (code == 530) {
            return t("check.sender.needsLogin.hint");
        }
        return code / 100 == 4 ? t("check.sender.later.hint") : t("check.sender.refused.hint", sender);
    }

    /** Microsoft 365 and Google say in their refusal when a password cannot be used at all. */
    private static String loginHint(BulletinException e) {
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("5.7.139") || text.contains("smtpclientauthentication") || text.contains("basic authentication")) {
            return t("check.login.oauthNeeded.hint");
        }
        if (text.contains("5.7.9") || text.contains("application-specific password")) {
            return t("check.login.appPassword.hint");
        }
        return e.hint().orElse(null);
    }

    private static void quit(Dialog dialog) {
        try {
            dialog.command("QUIT");
        } catch (IOException e) {
            // the connection is closed either way
        }
    }
}
