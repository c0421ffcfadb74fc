package org.imrap.bulletin.mail;

import static org.imrap.bulletin.Text.t;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Security;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.io.AtomicFile;

/**
 * The embedded sandbox: a real SMTP server (GreenMail) in this process, on a free loopback port.
 * bulletin sends to it through the same code as to any server, then writes what it received as
 * .eml files. Nothing leaves the machine.
 */
public final class Sandbox implements AutoCloseable {
    private final GreenMail server;

    private Sandbox(GreenMail server) {
        this.server = server;
    }

    public static Sandbox start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new BulletinException(ExitCode.SOFTWARE, t("sandbox.start", e.getMessage()),
                    t("sandbox.start.hint"));
        }
        return new Sandbox(server);
    }

    /** The settings that reach this server: loopback, no TLS, no login, the configured timeouts. */
    public SmtpSettings settings(SmtpSettings configured) {
        return new SmtpSettings("127.0.0.1", server.getSmtp().getPort(), Security.NONE, Optional.empty(),
                Optional.empty(), configured.connectTimeout(), configured.readTimeout(), configured.writeTimeout());
    }

    /** Writes every message received so far to {@code dir} as {@code <prefix><address>.eml}, and forgets them. */
    public int saveReceived(Path dir, String prefix) {
        MimeMessage[] messages = server.getReceivedMessages();
        for (MimeMessage message : messages) {
            Path file = dir.resolve(prefix + fileName(message) + ".eml");
            AtomicFile.write(file, out -> {
                try {
                    message.writeTo(out);
                } catch (MessagingException e) {
                    throw new java.io.IOException(e.getMessage(), e);
                }
            });
        }
        try {
            server.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new BulletinException(ExitCode.SOFTWARE, t("sandbox.empty", e.getMessage()), null);
        }
        return messages.length;
    }

    private static String fileName(MimeMessage message) {
        try {
            InternetAddress to = (InternetAddress) message.getAllRecipients()[0];
            return to.getAddress().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9@._+-]", "_");
        } catch (MessagingException | RuntimeException e) {
            return "message-" + Integer.toHexString(System.identityHashCode(message));
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
