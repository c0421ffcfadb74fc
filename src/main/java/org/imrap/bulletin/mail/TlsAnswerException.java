package org.imrap.bulletin.mail;

import java.io.IOException;

/**
 * The server's first bytes are a TLS record, not a greeting: a plain-text client at a port that expects
 * TLS from the first byte, and a server that said so (with an alert) instead of waiting in silence.
 * A TLS record starts with its content type, 20 to 23 (RFC 8446 §5.1); a greeting starts with a digit
 * (SMTP "220", RFC 5321 §4.2) or "*" / "+" (IMAP, POP3).
 */
public final class TlsAnswerException extends IOException {
    public TlsAnswerException(String message) {
        super(message);
    }

    /** True when {@code firstByte}, the first a server sent, starts a TLS record. */
    public static boolean startsTlsRecord(int firstByte) {
        return firstByte >= 20 && firstByte <= 23;
    }
}
