package org.imrap.bulletin.inbox;

import java.time.Clock;
import org.imrap.bulletin.address.Addresses;
import org.imrap.bulletin.address.InvalidAddressException;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.recipients.ListEditor;
import org.imrap.bulletin.recipients.RecipientsFolder;

/** Puts addresses on {@code recipients/unsubscribed.csv}, for an unsubscribe request or too many bounces. */
final class SuppressionList {
    static final String REQUESTED = "désabonnement par e-mail";

    private final ListEditor editor;

    SuppressionList(Workspace workspace, Clock clock) {
        this.editor = new ListEditor(new RecipientsFolder(workspace.recipientsDir()), clock);
    }

    /**
     * Idempotent. Only a malformed address is an outcome of its own; any other failure (a file that
     * cannot be written) stops the run before the message is noted as handled, so the next run applies it.
     */
    Outcome.Suppression add(String email, String reason) {
        try {
            Addresses.parse(email);
        } catch (InvalidAddressException e) {
            return Outcome.Suppression.INVALID_ADDRESS;
        }
        return editor.unsubscribe(email, reason).added() ? Outcome.Suppression.UNSUBSCRIBED
                : Outcome.Suppression.ALREADY_UNSUBSCRIBED;
    }

    /**
     * "bounce 5.1.1 <the server's words>", in printable ASCII and at most 200 characters: a
     * remote server's text must not make the suppression list unwritable (a control character, a
     * character the list's encoding lacks) and so block every later run.
     */
    static String reason(Finding.Bounce bounce) {
        String reason = ("bounce " + bounce.status() + " " + bounce.diagnostic())
                .replaceAll("[^\\x20-\\x7E]+", " ").replaceAll(" {2,}", " ").strip();
        return reason.length() > 200 ? reason.substring(0, 200).strip() : reason;
    }
}
