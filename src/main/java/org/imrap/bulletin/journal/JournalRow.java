package org.imrap.bulletin.journal;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.imrap.bulletin.io.LogReader;
import org.imrap.bulletin.mail.Status;

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

    /**
     * What a whole row looks like as written: a reader tells by it a last row that is complete from one
     * a crash cut short (the content hash, last, has a fixed length).
     */
    static final Pattern SHAPE = Pattern.compile(LogReader.TIME + ("," + LogReader.FIELD).repeat(3)
            + ",(?:sent|failed|deferred)" + ("," + LogReader.FIELD).repeat(2) + ",[0-9a-f]{16}");

    List<String> values() {
        return List.of(time.toString(), campaign, list, email, status.label(), reply, messageId, contentHash);
    }
}
