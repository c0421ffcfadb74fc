package org.imrap.bulletin.mail;

import java.net.SocketTimeoutException;

/**
 * The server said nothing within the connect timeout after the connection was made. An SMTP, IMAP or
 * POP3 server speaks first; one that does not is most often a port that expects TLS from the first
 * byte (465, 993, 995) spoken to in plain text.
 */
public final class GreetingTimeoutException extends SocketTimeoutException {
    public GreetingTimeoutException(String message) {
        super(message);
    }
}
