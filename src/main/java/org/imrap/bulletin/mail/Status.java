package org.imrap.bulletin.mail;

import java.util.Locale;

/**
 * The outcome of one attempt to hand a message to the server ({@link Delivery#status()}). The journal
 * records it under its {@link #label()}: the journal depends on mail's outcome, mail knows no journal.
 */
public enum Status {
    /** The server accepted the message (2xx). */
    SENT,
    /** The server refused it for good (5xx): not retried unless asked. */
    FAILED,
    /** Not delivered for now (4xx, connection lost, timeout): the next run retries. */
    DEFERRED;

    /** How the journal writes it: {@code sent}, {@code failed}, {@code deferred}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status parse(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ROOT));
    }
}
