package org.imrap.bulletin.mail;

/**
 * What became of one message handed to the server.
 *
 * @param reply          the server's reply, or what went wrong on the connection
 * @param connectionLost the connection cannot be used any more: reconnect before the next message
 * @param stage          where in the SMTP transaction it ended
 */
public record Delivery(Status status, String reply, boolean connectionLost, Stage stage) {

    /** Where a transaction ended, which says whom a refusal is about. */
    public enum Stage {
        /** The server took the message. */
        DELIVERED,
        /** Refused at MAIL FROM: about the sender or the account (quota, policy), not this person. */
        SENDER,
        /** Refused at RCPT TO: about this person's address. */
        RECIPIENT,
        /** Refused at DATA or after the final dot: about this message (content, size). */
        MESSAGE,
        /** The connection broke before the final dot: the server has nothing; safe to send again. */
        CONNECTION,
        /** The connection broke after the final dot: the server may have the message; do not send it again now. */
        UNCERTAIN
    }
}
