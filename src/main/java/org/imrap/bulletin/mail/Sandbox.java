package org.imrap.bulletin.mail;

import static org.imrap.bulletin.Text.t;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Security;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.io.AtomicFile;

/**
 * The embedded sandbox: a real SMTP server (GreenMail) in this process, on a free loopback port.
 * bulletin sends to it through the same code as to any server. Each message it takes is written at
 * once as an .eml file named after its recipient, before the server says it took it, and is not
 * kept: memory does not grow with the list. (GreenMail delivers one message at a time, so with
 * several connections the files are written one after the other.) Nothing leaves the machine.
 */
public final class Sandbox implements AutoCloseable {
    private final GreenMail server;
    private final Path dir;
    private final String prefix;
    private final AtomicInteger saved = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private Sandbox(GreenMail server, Path dir, String prefix) {
        this.server = server;
        this.dir = dir;
        this.prefix = prefix;
    }

    /** A sandbox writing what it receives to {@code dir} as {@code <prefix><address>.eml}. */
    public static Sandbox start(Path dir, String prefix) {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        Sandbox sandbox = new Sandbox(server, dir, prefix);
        server.getUserManager().setMessageDeliveryHandler((message, to) -> sandbox.new EmlFile(to.getEmail()));
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new BulletinException(ExitCode.SOFTWARE, t("sandbox.start", e.getMessage()),
                    t("sandbox.start.hint"));
        }
        return sandbox;
    }

    /** The settings that reach this server: loopback, no TLS, no login, the configured timeouts. */
    public SmtpSettings settings(SmtpSettings configured) {
        return new SmtpSettings("127.0.0.1", server.getSmtp().getPort(), Security.NONE, Optional.empty(),
                Optional.empty(), configured.connectTimeout(), configured.readTimeout(), configured.writeTimeout());
    }

    /** How many messages were written so far. */
    public int saved() {
        return saved.get();
    }

    /**
     * Throws the first failure to write a received message, if there was one. The server did not take
     * that message (its sender was not told 250), so it is not journaled as sent.
     */
    public void checkSaved() {
        RuntimeException first = failure.get();
        if (first != null) {
            throw first;
        }
    }

    /** {@link #checkSaved()} for a message that the sandbox did not take; one it took is on disk. */
    public void checkSaved(Delivery delivery) {
        if (delivery.status() != Status.SENT) {
            checkSaved();
        }
    }

    private void save(String to, MimeMessage message) {
        Path file = dir.resolve(prefix + fileName(to) + ".eml");
        try {
            AtomicFile.write(file, out -> {
                try {
                    message.writeTo(out);
                } catch (MessagingException e) {
                    throw new IOException(e.getMessage(), e);
                }
            });
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            throw e;  // GreenMail then refuses the message
        }
        saved.incrementAndGet();
    }

    /**
     * The address as a file name: in lower case (as lists compare addresses), every character but
     * letters, digits and {@code @._+-} written as %XX of its UTF-8 bytes, so that two addresses never
     * share a file ({@code a'b@…} is {@code a%27b@…}, {@code a_b@…} stays).
     */
    static String fileName(String address) {
        StringBuilder name = new StringBuilder();
        for (byte b : address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)) {
            if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || "@._+-".indexOf(b) >= 0) {
                name.append((char) b);
            } else {
                name.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return name.toString();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Where GreenMail delivers a message for one recipient: to its .eml file, not to a mailbox kept in memory. */
    private final class EmlFile implements GreenMailUser {
        private final String to;

        EmlFile(String to) {
            this.to = to;
        }

        @Override
        public void deliver(MovingMessage message) {
            save(to, message.getMessage());
        }

        @Override
        public void deliver(MimeMessage message) {
            save(to, message);
        }

        @Override
        public String getEmail() {
            return to;
        }

        @Override
        public String getLogin() {
            return getEmail();
        }

        @Override
        public void create() {
        }

        @Override
        public void delete() {
        }

        @Override
        public String getPassword() {
            return "";
        }

        @Override
        public void setPassword(String password) {
        }

        @Override
        public void authenticate(String password) {
        }

        @Override
        public String getQualifiedMailboxName() {
            return getEmail();
        }
    }
}
