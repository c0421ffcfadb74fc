package org.imrap.bulletin.mail;

import org.imrap.bulletin.journal.Status;

/**
 * What became of one message handed to the server.
 *
 * @param reply          the server's reply, or what went wrong on the connection
 * @param connectionLost the connection cannot be used any more: reconnect before the next message
 */
public record Delivery(Status status, String reply, boolean connectionLost) {
}
