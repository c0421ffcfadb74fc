package org.imrap.bulletin.inbox;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Moves handled messages out of the way ({@code inbox.doneFolder}, IMAP only) by what the server can do:
 * MOVE (RFC 6851), or copy then UID EXPUNGE of those only (UIDPLUS, RFC 4315), or copy only — never an
 * expunge that could remove anything else.
 */
final class DoneFolder {
    private final String name;
    private final Consumer<String> warnings;

    DoneFolder(String name, Consumer<String> warnings) {
        this.name = name;
        this.warnings = warnings;
    }

    /**
     * Moves the messages handled now, and those an earlier run handled when the server can take them
     * away (with a copy alone they would be copied again at every run).
     */
    void move(Store store, Folder folder, List<Message> handledNow, List<Message> handledBefore)
            throws MessagingException {
        if (!(store instanceof IMAPStore imapStore) || !(folder instanceof IMAPFolder imap)) {
            return;
        }
        boolean move = imapStore.hasCapability("MOVE");
        boolean uidplus = imapStore.hasCapability("UIDPLUS");
        List<Message> toMove = new ArrayList<>(handledNow);
        if (move || uidplus) {
            toMove.addAll(handledBefore);
        }
        if (toMove.isEmpty()) {
            return;
        }
        Folder target = store.getFolder(name);
        if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
            warnings.accept(t("inbox.cannotCreateFolder", name));
            return;
        }
        Message[] handled = toMove.toArray(Message[]::new);
        if (move) {
            imap.moveMessages(handled, target);
            return;
        }
        imap.copyMessages(handled, target);
        if (uidplus) {
            for (Message message : handled) {
                message.setFlag(Flags.Flag.DELETED, true);
            }
            imap.expunge(handled);
        }
    }
}
