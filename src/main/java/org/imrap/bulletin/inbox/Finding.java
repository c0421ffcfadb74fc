package org.imrap.bulletin.inbox;

import java.util.Optional;

/** What a message in the inbox is, for bulletin. */
public sealed interface Finding {

    /**
     * A request to leave the list.
     *
     * @param authentic it comes from the address itself, or carries that address's token
     */
    record Unsubscribe(String email, boolean authentic) implements Finding {
    }

    /**
     * A delivery failure report.
     *
     * @param permanent  a 5.x.x status (or an SMTP 5xx): the address does not work
     * @param originalId the Message-ID of the bulletin that bounced, when the report carries it
     */
    record Bounce(String email, boolean permanent, String status, String diagnostic, Optional<String> originalId)
            implements Finding {
    }

    /** An out-of-office or other automatic reply: not a bounce, left alone. */
    record AutoReply() implements Finding {
    }

    /** Anything else: left exactly as it was. */
    record Other() implements Finding {
    }
}
