package org.imrap.bulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport, noting when the final dot of a message has gone out. A connection lost
 * after that point leaves the outcome unknown — the server may have taken the message (RFC 1047) —
 * so such a message must not be sent again in the same run. Before it, a retry is safe: a server
 * commits a message only on the final dot (RFC 5321 §4.1.1.4).
 *
 * <p>That is also why the {@link SmtpConnection.Handover} of a message is awaited just before its
 * final dot: the envelope and the body of the next message travel while the journal writes the
 * outcome of the last one, and the server can take the message only once that outcome is on disk.
 */
final class TrackingTransport extends SMTPTransport {
    private volatile boolean finalDotSent;
    private SmtpConnection.Handover handover = () -> { };

    TrackingTransport(Session session, URLName url, String protocol, boolean ssl) {
        super(session, url, protocol, ssl);
    }

    @Override
    protected void mailFrom() throws MessagingException {
        finalDotSent = false;
        super.mailFrom();
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        try {
            handover.await();
        } catch (RuntimeException e) {
            // An IOException makes Angus drop the connection without the final dot: the server takes nothing.
            throw new HandoverStopped(e);
        }
        finalDotSent = true;
        super.finishData();
    }

    /** What the next message waits for before its final dot. */
    void handover(SmtpConnection.Handover handover) {
        this.handover = handover;
    }

    /** The reason a message was held back before its final dot. */
    static final class HandoverStopped extends IOException {
        private final RuntimeException reason;

        HandoverStopped(RuntimeException reason) {
            super(reason.getMessage(), reason);
            this.reason = reason;
        }

        RuntimeException reason() {
            return reason;
        }
    }

    /** True from the moment the end of the last message was sent until the next MAIL FROM. */
    boolean finalDotSent() {
        return finalDotSent;
    }
}
