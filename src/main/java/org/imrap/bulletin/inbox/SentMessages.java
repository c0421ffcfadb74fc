package org.imrap.bulletin.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.address.EmailAddress;
import org.imrap.bulletin.journal.JournalState;
import org.imrap.bulletin.mail.Status;

/** The messages the send journals say bulletin sent, by Message-ID: what a bounce may be about. */
final class SentMessages {
    private final Map<String, Sent> byId;

    private SentMessages(Map<String, Sent> byId) {
        this.byId = byId;
    }

    /** A message bulletin sent, as its journal row has it. */
    private record Sent(String campaign, String email) {
    }

    /** Every journal of the folder but the inbox's own logs. */
    static SentMessages read(Path journalDir) {
        Map<String, Sent> byId = new HashMap<>();
        try (var files = Files.list(journalDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".csv") || name.equals(HandledLog.FILE) || name.equals(BounceLog.FILE)) {
                    continue;
                }
                JournalState.readRows(file, row -> {
                    if (row.status() == Status.SENT) {
                        byId.put(row.messageId(), new Sent(row.campaign(), EmailAddress.canonical(row.email())));
                    }
                });
            }
        } catch (IOException e) {
            // No journals yet: nothing was sent, so no report can be about a bulletin.
        }
        return new SentMessages(byId);
    }

    /**
     * The campaign a bounce is about — only if the report returns the Message-ID of a message the
     * journals say bulletin sent to that very address. Our Message-IDs cannot be guessed, so a
     * forged report (or one about someone else's mail) is left alone and cannot suppress anyone.
     */
    Optional<String> campaignOf(Finding.Bounce bounce) {
        return bounce.originalId().map(byId::get)
                .filter(original -> original.email().equals(EmailAddress.canonical(bounce.email())))
                .map(Sent::campaign);
    }
}
