package org.imrap.bulletin.mail;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Security;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.mail.Delivery.Stage;

/**
 * One SMTP session (Jakarta Mail / Angus), reused for many messages. Connecting fails with the exit
 * code a script can act on (69 unreachable or TLS refused, 77 login refused); sending never throws
 * for a server's answer but reports a {@link Delivery}: 2xx sent, 5xx failed, 4xx and a lost
 * connection deferred (RFC 5321 §4.2.1).
 *
 * <p>It is longer than most classes (about 420 lines) because both halves share one session's state and
 * its rules: connecting, with the diagnosis of what refused (unreachable, TLS, the login, a token renewed
 * once), and sending, where each server reply, held final reply and lost connection becomes a {@link Delivery}.
 * The SMTP conversation itself, and every override of Angus, is in {@link TrackingTransport}.
 */
public final class SmtpConnection implements AutoCloseable {
    private final SmtpSettings settings;
    private final Optional<Login> login;
    private final String envelopeFrom;
    private final Tls tls;
    private final Session session;
    private final Optional<SecretFilter> debugFilter;
    private TrackingTransport transport;
    private Consumer<Delivery> afterEachMessage = delivery -> { };
    private Consumer<Delivery> lateOutcomes = delivery -> { };

    public SmtpConnection(SmtpSettings settings, String envelopeFrom, Optional<char[]> password,
                          Optional<PrintStream> debug) {
        this(settings, envelopeFrom, password, debug, Tls.system());
    }

    /** The same, trusting servers as {@code tls} says ({@code bulletin check} shares its trust with its own probes). */
    public SmtpConnection(SmtpSettings settings, String envelopeFrom, Optional<char[]> password,
                          Optional<PrintStream> debug, Tls tls) {
        this(settings, envelopeFrom, password.map(Login::password).orElse(null), debug, tls);
    }

    /**
     * A session that signs in with {@code login} (a password, or an OAuth2 token with XOAUTH2); {@code null}
     * for none.
     */
    public SmtpConnection(SmtpSettings settings, String envelopeFrom, Login login, Optional<PrintStream> debug) {
        this(settings, envelopeFrom, login, debug, Tls.system());
    }

    /** The same, trusting servers as {@code tls} says. */
    public SmtpConnection(SmtpSettings settings, String envelopeFrom, Login login, Optional<PrintStream> debug, Tls tls) {
        this.settings = settings;
        this.envelopeFrom = envelopeFrom;
        this.tls = tls;
        this.login = Optional.ofNullable(login);
        this.session = Session.getInstance(SessionProperties.smtp(settings, envelopeFrom, this.login.map(Login::mechanism), tls));
        this.debugFilter = debug.map(out -> new SecretFilter(out, settings.username().orElse(null), null));
        debugFilter.ifPresent(filter -> {
            // The output first: setDebug already writes a line, which must not go to the process's stdout.
            session.setDebugOut(new PrintStream(filter, true, java.nio.charset.StandardCharsets.UTF_8));
            session.setDebug(true);
        });
    }

    private static String protocol(SmtpSettings settings) {
        return SessionProperties.smtpProtocol(settings);
    }

    /** Whether the server, once connected, offers this ESMTP extension (e.g. 8BITMIME, RFC 6152). */
    public boolean offers(String extension) {
        return transport != null && transport.supportsExtension(extension);
    }

    /** The shortest wait seen between a command and its reply on this connection; zero before any. */
    public java.time.Duration roundTrip() {
        return transport == null ? java.time.Duration.ZERO : transport.nearest();
    }

    /** The server as messages name it: {@code smtp.example.org:587}. */
    public String server() {
        return settings.host() + ":" + settings.port();
    }

    /**
     * Opens the session (and logs in); a failure here means nothing can be sent. An OAuth2 token the server
     * refuses (535) is renewed once and tried again: it may have been revoked, or expired early.
     */
    public void connect() {
        char[] secret = login.map(Login::secret).orElse(null);
        try {
            open(secret);
        } catch (AuthenticationFailedException e) {
            Optional<char[]> renewed = login.flatMap(l -> l.renew(secret));
            if (renewed.isEmpty()) {
                throw loginRefused(e);
            }
            close();
            try {
                open(renewed.get());
            } catch (AuthenticationFailedException again) {
                throw loginRefused(again);
            } catch (MessagingException again) {
                throw unreachable(again);
            }
        } catch (MessagingException e) {
            throw unreachable(e);
        }
    }

    private void open(char[] secret) throws MessagingException {
        debugFilter.ifPresent(filter -> filter.add(settings.username().orElse(null), secret));
        String protocol = protocol(settings);
        transport = new TrackingTransport(session, new URLName(protocol, settings.host(), settings.port(), null,
                settings.username().orElse(null), null), protocol, settings.security() == Security.SSL);
        transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
                secret == null ? null : new String(secret));
    }

    private BulletinException loginRefused(AuthenticationFailedException e) {
        boolean oauth2 = login.filter(l -> l.mechanism() == Login.Mechanism.XOAUTH2).isPresent();
        return new BulletinException(ExitCode.NO_PERMISSION, t(oauth2 ? "smtp.login.oauth2" : "smtp.login", server(),
                settings.username().orElse("-"), oneLine(e.getMessage())),
                t(oauth2 ? "smtp.login.oauth2.hint" : "smtp.login.hint"));
    }

    private BulletinException unreachable(MessagingException e) {
        Throwable cause = rootCause(e);
        TlsProblem tlsProblem = TlsProblem.of(e);
        String why;
        String hint = t("smtp.unreachable.hint");
        if (tlsProblem == TlsProblem.PLAIN_TEXT) {
            why = t("smtp.plainTextPort", settings.port());
            hint = t("smtp.plainTextPort.hint", settings.port());
        } else if (tlsProblem != null) {
            SSLException failure = find(e, SSLException.class);
            why = t("smtp.tls", tlsProblem.describe(settings.host(), oneLine((failure != null ? failure : cause).getMessage())));
            hint = t("smtp.tls.hint", settings.host());
        } else if (find(e, TlsAnswerException.class) != null) {
            why = t("smtp.tlsAnswerPort", settings.port());
            hint = t("smtp.tlsPort.hint", settings.port());
        } else if (find(e, GreetingTimeoutException.class) != null) {
            long seconds = settings.connectTimeout().toSeconds();
            if (PortProbe.probe(new InetSocketAddress(settings.host(), settings.port()), settings.host(),
                    settings.connectTimeout(), tls) == PortProbe.Speaks.TLS) {
                why = t("smtp.tlsPort", settings.port(), seconds);
                hint = t("smtp.tlsPort.hint", settings.port());
            } else {
                why = t("smtp.noGreeting", seconds);
            }
        } else if (oneLine(e.getMessage()).contains("STARTTLS")) {
            why = t("smtp.noStarttls");
            hint = t("smtp.noStarttls.hint");
        } else if (cause instanceof SocketTimeoutException) {
            why = t("smtp.timeout", oneLine(cause.getMessage()));
        } else if (cause instanceof UnknownHostException) {
            why = t("smtp.unknownHost");
        } else if (cause instanceof ConnectException) {
            why = oneLine(cause.getMessage());
        } else {
            why = oneLine(e.getMessage());
        }
        return new BulletinException(ExitCode.UNAVAILABLE, t("smtp.cannotConnect", server(), why), hint, e);
    }

    /** A server's reply: its code and its text on one line. */
    public record Reply(int code, String text) {
    }

    /**
     * Whether the server takes mail from the envelope sender on this connection, without sending any:
     * {@code MAIL FROM} and its reply, then {@code RSET} (RFC 5321 §4.1.1.2, §4.1.1.5). For {@code bulletin check}.
     */
    public Reply trySender() {
        try {
            int code = transport.simpleCommand("MAIL FROM:<" + envelopeFrom + ">");
            Reply reply = new Reply(code, oneLine(transport.getLastServerResponse()));
            if (code / 100 == 2) {
                resetTransaction();
            }
            return reply;
        } catch (MessagingException | IllegalStateException e) {
            throw unreachable(e instanceof MessagingException m ? m : new MessagingException(e.getMessage(), e));
        }
    }

    /**
     * What must hold before the server may take a message, awaited just before its final dot (the
     * last outcome on disk). Throwing stops the message there: the connection is dropped, so the
     * server takes nothing, and {@link #send} throws the same exception.
     */
    @FunctionalInterface
    public interface Handover {
        void await();
    }

    /** Hands one message to the server and says what became of it. */
    public Delivery send(MimeMessage message) {
        return send(message, () -> { });
    }

    /**
     * A check of what became of each message; what it throws, {@link #send} throws. The sandbox's: a
     * message it could not write to its file was refused (451), and the run must stop rather than try
     * the next.
     */
    public void afterEachMessage(Consumer<Delivery> check) {
        this.afterEachMessage = check;
    }

    /** Hands one message to the server once {@code handover} allows, and says what became of it. */
    public Delivery send(MimeMessage message, Handover handover) {
        settle();
        return deliver(message, handover, false).orElseThrow();
    }

    /**
     * Where the outcomes of messages handed over with {@link #sendPipelined} go once their replies are read:
     * in the order the messages were sent, each before the outcome of any later message. What it throws
     * stops the message being sent then before its final dot, and {@code sendPipelined} throws it.
     */
    public void lateOutcomes(Consumer<Delivery> listener) {
        this.lateOutcomes = listener;
    }

    /**
     * Hands one message to the server once {@code handover} allows. When the server offers PIPELINING its
     * final dot goes out with the next message's envelope (RFC 2920 §3.1), so the outcome is not known yet:
     * empty, and the outcome goes to {@link #lateOutcomes} during the next message's send (before its
     * {@code handover} is awaited) or {@link #settle}. Otherwise, or when the message ended before its final
     * dot (a refused recipient, a lost connection), its outcome.
     */
    public Optional<Delivery> sendPipelined(MimeMessage message, Handover handover) {
        return deliver(message, handover, true);
    }

    /** Sends a final dot held back for the next message, reads its reply, and reports it to {@link #lateOutcomes}. */
    public void settle() {
        if (transport != null) {
            transport.settle();
            reportFinalReply();
        }
    }

    private Optional<Delivery> deliver(MimeMessage message, Handover handover, boolean leaveFinalReply) {
        Delivery delivery = attempt(message, () -> {
            reportFinalReply();
            handover.await();
        }, leaveFinalReply);
        // The earlier message's outcome first, whatever became of this one.
        reportFinalReply();
        if (delivery == null) {
            return Optional.empty();
        }
        afterEachMessage.accept(delivery);
        return Optional.of(delivery);
    }

    /** The outcome of a held final dot, read now, to whoever waits for it. */
    private void reportFinalReply() {
        TrackingTransport.FinalReply reply = transport == null ? null : transport.takeFinalReply();
        if (reply != null) {
            Delivery delivery = lateDelivery(reply);
            afterEachMessage.accept(delivery);
            lateOutcomes.accept(delivery);
        }
    }

    /** What a final dot's reply read after the message was handed over says (as {@link #attempt} reads one at once). */
    static Delivery lateDelivery(TrackingTransport.FinalReply reply) {
        if (reply.failure() != null && !reply.endWritten()) {
            return new Delivery(Status.DEFERRED, t("delivery.lost", oneLine(rootCause(reply.failure()).toString())),
                    true, Stage.CONNECTION);
        }
        if (reply.failure() != null) {
            return new Delivery(Status.DEFERRED, t("delivery.uncertain", oneLine(rootCause(reply.failure()).toString())),
                    true, Stage.UNCERTAIN);
        }
        String text = oneLine(reply.text());
        if (reply.code() / 100 == 2) {
            return new Delivery(Status.SENT, text, false, Stage.DELIVERED);
        }
        if (reply.code() == 421) {
            return new Delivery(Status.DEFERRED, text, true, Stage.CONNECTION);
        }
        return new Delivery(reply.code() / 100 == 5 ? Status.FAILED : Status.DEFERRED, text, false, Stage.MESSAGE);
    }

    /** The outcome of this message; null when its final dot waits, unanswered, for the next message. */
    private Delivery attempt(MimeMessage message, Handover handover, boolean leaveFinalReply) {
        try {
            Address[] recipients = message.getAllRecipients();
            transport.leaveFinalReply(leaveFinalReply);
            transport.handover(handover);
            transport.sendMessage(message, recipients);
            if (transport.finalReplyOwed()) {
                return null;
            }
            return new Delivery(Status.SENT, reply(), false, Stage.DELIVERED);
        } catch (SMTPSenderFailedException e) {
            return refused(e.getReturnCode(), e.getMessage(), Stage.SENDER);
        } catch (SMTPSendFailedException e) {
            boolean endOfData = ".".equals(e.getCommand()) || TrackingTransport.isLastChunk(e.getCommand());
            if (endOfData && e.getReturnCode() / 100 == 2) {
                // Angus may throw although the server took the message (a 250 after the dot, with sendpartial).
                return new Delivery(Status.SENT, oneLine(e.getMessage()), false, Stage.DELIVERED);
            }
            if (endOfData && e.getReturnCode() < 0) {
                // The connection ended where the reply to the final dot should be: the server may have the message.
                return new Delivery(Status.DEFERRED, t("delivery.uncertain", oneLine(transport.getLastServerResponse())),
                        true, Stage.UNCERTAIN);
            }
            boolean sender = e.getCommand() != null && e.getCommand().toUpperCase(java.util.Locale.ROOT).startsWith("MAIL");
            return refused(e.getReturnCode(), e.getMessage(), sender ? Stage.SENDER : Stage.MESSAGE);
        } catch (SendFailedException e) {
            SMTPAddressFailedException address = find(e, SMTPAddressFailedException.class);
            int code = address != null ? address.getReturnCode() : transport.getLastReturnCode();
            return refused(code, address != null ? address.getMessage() : e.getMessage(), Stage.RECIPIENT);
        } catch (MessagingException | IllegalStateException e) {
            TrackingTransport.HandoverStopped stopped = find(e, TrackingTransport.HandoverStopped.class);
            if (stopped != null) {
                throw stopped.reason();
            }
            int code = transport.getLastReturnCode();
            if (code == 421) {
                return new Delivery(Status.DEFERRED, oneLine(transport.getLastServerResponse()), true, Stage.CONNECTION);
            }
            String cause = oneLine(rootCause(e).toString());
            return transport.finalDotSent()
                    ? new Delivery(Status.DEFERRED, t("delivery.uncertain", cause), true, Stage.UNCERTAIN)
                    : new Delivery(Status.DEFERRED, t("delivery.lost", cause), true, Stage.CONNECTION);
        }
    }

    private Delivery refused(int code, String reply, Stage stage) {
        if (code == 421) {
            // "Service not available, closing transmission channel" (RFC 5321 §3.8): about the session only.
            return new Delivery(Status.DEFERRED, oneLine(reply), true, Stage.CONNECTION);
        }
        boolean lost = !transport.isConnected() || !resetTransaction();
        Status status = code / 100 == 5 ? Status.FAILED : Status.DEFERRED;
        return new Delivery(status, oneLine(reply), lost, stage);
    }

    /** After a refusal the server may still hold the open transaction (RFC 5321 §4.1.1.5); false if the connection is gone. */
    private boolean resetTransaction() {
        try {
            transport.issueCommand("RSET", 250);
            return true;
        } catch (MessagingException | IllegalStateException e) {
            return false;
        }
    }

    private String reply() {
        String response = transport.getLastServerResponse();
        return response == null ? "250" : oneLine(response);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = next(t)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable e) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Throwable t = e;
        while (next(t) != null && seen.add(t)) {
            t = next(t);
        }
        return t;
    }

    /** Jakarta Mail chains causes through getNextException as well as getCause. */
    private static Throwable next(Throwable t) {
        return t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ").strip();
    }

    @Override
    public void close() {
        try {
            settle();
        } catch (RuntimeException e) {
            // Whoever sent with sendPipelined settles before closing; an outcome no one can take now is dropped.
        }
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // Closing a session that is already gone: nothing to save.
            }
        }
    }
}
