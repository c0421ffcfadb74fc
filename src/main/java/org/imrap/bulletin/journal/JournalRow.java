package org.imrap.bulletin.journal;

import java.time.Instant;
import java.util.List;

/**
 * One line of the send journal: what happened to one message to one person.
 *
 * @param reply        the server's reply (or what went wrong on the connection)
 * @param messageId    the Message-ID of the message handed over
 * @param contentHash  identifies the bulletin's content (see the send service)
 */
public record JournalRow(Instant time, String campaign, String list, String email, Status status, String reply,
                         String messageId, String contentHash) {

    /** The journal's header, a contract for the spreadsheets and scripts that read it. */
    public static final List<String> HEADER =
            List.of("time", "campaign", "list", "email", "status", "reply", "message_id", "content_hash");

    List<String> values() {
        return List.of(time.toString(), campaign, list, email, status.label(), reply, messageId, contentHash);
    }
}
