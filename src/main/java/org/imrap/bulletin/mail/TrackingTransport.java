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
 */
final class TrackingTransport extends SMTPTransport {
    private volatile boolean finalDotSent;

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
        finalDotSent = true;
        super.finishData();
    }

    /** True from the moment the end of the last message was sent until the next MAIL FROM. */
    boolean finalDotSent() {
        return finalDotSent;
    }
}
