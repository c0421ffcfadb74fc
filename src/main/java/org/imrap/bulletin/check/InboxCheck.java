package org.imrap.bulletin.check;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.Text;
import org.imrap.bulletin.config.InboxSettings;
import org.imrap.bulletin.inbox.Mailbox;
import org.imrap.bulletin.mail.Login;
import org.imrap.bulletin.mail.PortProbe;
import org.imrap.bulletin.mail.TlsAnswerException;

/**
 * The mailbox {@code bulletin inbox} reads, step by step: DNS, TCP, TLS (imaps, pop3s) or the greeting
 * and STARTTLS (imap, RFC 9051 §6.2.1), then the login and the folder through the connection {@link Mailbox} opens for
 * {@code inbox}. Nothing in the mailbox is read or changed. Returns the exit code {@code inbox} would give.
 */
final class InboxCheck extends ServerCheck<String> {
    private final InboxSettings inbox;

    InboxCheck(InboxSettings inbox, Supplier<Optional<Login>> credentials, Network network, Progress progress) {
        super(credentials, network, progress);
        this.inbox = inbox;
    }

    ExitCode run() {
        progress.section(t("check.section.inbox", inbox.describe()));
        return reachAndLogIn(inbox.host(), inbox.port(), inbox.connectTimeout(), "inbox", t("inbox.failed.hint"));
    }

    /** TLS or the greeting and STARTTLS, then LOGOUT or QUIT: the greeting, or empty when a step failed (reported). */
    @Override
    Optional<String> converse(Dialog dialog, InetSocketAddress address) throws IOException {
        boolean implicitTls = inbox.protocol().endsWith("s");
        if (implicitTls) {
            Optional<SSLSocket> tls = network.handshake(t("check.step.tls"), dialog.socket(), inbox.host(), "inbox.host",
                    () -> t("check.inbox.plainText.hint", inbox.port()));
            if (tls.isEmpty()) {
                return Optional.empty();
            }
            dialog.use(tls.get());
        }
        String what = t("check.step.greeting");
        dialog.limit(inbox.connectTimeout());
        String greeting;
        try {
            greeting = dialog.line();
        } catch (SocketTimeoutException e) {
            long seconds = inbox.connectTimeout().toSeconds();
            if (!implicitTls && PortProbe.probe(address, inbox.host(), inbox.connectTimeout(), network.tls())
                    == PortProbe.Speaks.TLS) {
                progress.failed(what, t("check.inbox.tlsPort", inbox.port(), seconds),
                        t("check.inbox.tlsPort.hint", inbox.port(), inbox.isImap() ? "imaps" : "pop3s"));
            } else {
                progress.failed(what, t("smtp.noGreeting", seconds), t("inbox.failed.hint"));
            }
            return Optional.empty();
        } catch (TlsAnswerException e) {
            progress.failed(what, t("smtp.tlsAnswerPort", inbox.port()),
                    t("check.inbox.tlsPort.hint", inbox.port(), inbox.isImap() ? "imaps" : "pop3s"));
            return Optional.empty();
        }
        if (!(greeting.startsWith("* OK") || greeting.startsWith("+OK") || greeting.startsWith("* PREAUTH"))) {
            progress.failed(what, t("check.greeting.refused", greeting), t("inbox.failed.hint"));
            return Optional.empty();
        }
        progress.ok(what, greeting);
        dialog.limit(inbox.readTimeout());
        if (inbox.tls() && inbox.protocol().equals("imap")) {
            if (!startTls(dialog)) {
                return Optional.empty();
            }
        }
        dialog.send(inbox.isImap() ? "a9 LOGOUT" : "QUIT");
        return Optional.of(greeting);
    }

    private boolean startTls(Dialog dialog) throws IOException {
        String what = t("check.step.starttls");
        dialog.send("a1 STARTTLS");
        String line = dialog.line();
        for (int i = 0; line.startsWith("* ") && i < Dialog.MAX_LINES; i++) {
            line = dialog.line();
        }
        if (!line.toUpperCase(java.util.Locale.ROOT).startsWith("A1 OK")) {
            progress.failed(what, t("check.inbox.noStarttls", line), t("check.inbox.noStarttls.hint"));
            return false;
        }
        Optional<SSLSocket> tls = network.handshake(what, dialog.socket(), inbox.host(), "inbox.host",
                () -> t("inbox.failed.hint"));
        if (tls.isEmpty()) {
            return false;
        }
        dialog.use(tls.get());
        return true;
    }

    /** The login and the folder, through the connection {@link Mailbox} opens for {@code inbox}. */
    @Override
    ExitCode logIn(String greeting) {
        String what = t("check.step.login");
        return withLogin(what, login -> {
            Store store;
            try {
                store = Mailbox.open(inbox, login, network.tls());
            } catch (BulletinException e) {
                progress.failed(what, e.getMessage(), e.hint().orElse(null));
                return e.exitCode();
            }
            progress.ok(what, t("check.inbox.login", inbox.username().orElse("-")));
            return folder(store);
        });
    }

    private ExitCode folder(Store store) {
        String folderStep = t("check.step.folder");
        try {
            Folder folder = store.getFolder(inbox.folder());
            if (!folder.exists()) {
                progress.failed(folderStep, t("check.inbox.noFolder", inbox.folder()), t("check.inbox.noFolder.hint"));
                return ExitCode.UNAVAILABLE;
            }
            progress.ok(folderStep, t("check.inbox.folder", inbox.folder(), Text.count(folder.getMessageCount(), "count.message")));
            return ExitCode.OK;
        } catch (MessagingException e) {
            progress.failed(folderStep, t("inbox.failed", inbox.describe(), String.valueOf(e.getMessage())),
                    t("inbox.failed.hint"));
            return ExitCode.UNAVAILABLE;
        } finally {
            try {
                store.close();
            } catch (MessagingException e) {
                // nothing left to save
            }
        }
    }
}
