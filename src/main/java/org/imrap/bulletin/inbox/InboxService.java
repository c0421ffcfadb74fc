package org.imrap.bulletin.inbox;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.InboxSettings;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.journal.RunLock;
import org.imrap.bulletin.mail.Tls;

/**
 * Reads the mailbox that unsubscribe requests and bounces come back to, and applies them to the
 * lists: an authentic request puts the address on the suppression list; a bounce about a message
 * bulletin sent is recorded against its campaign and suppresses the address after
 * {@code inbox.hardBounces} permanent ones or {@code inbox.softBounces} temporary ones about different
 * messages. Each handled message is noted in {@code journal/inbox.csv} before it is moved to
 * {@code inbox.doneFolder} (IMAP), so a run cut short is finished by the next one and nothing is
 * applied twice. Everything else is left as it was: never deleted, moved or marked read.
 *
 * <p>The parts: {@link Mailbox} connects, {@link MailboxPass} decides each message's {@link Outcome}
 * (with {@link HandledLog}, {@link BounceLog}, {@link SentMessages} and {@link SuppressionList}), and
 * {@link DoneFolder} moves the handled ones.
 */
public final class InboxService {
    private static final String[] HEADERS = {"Message-ID", "From", "To", "Subject", "Date"};

    private final Clock clock;
    private final Consumer<String> warnings;

    public InboxService(Clock clock, Consumer<String> warnings) {
        this.clock = clock;
        this.warnings = warnings;
    }

    /**
     * One pass over the mailbox. A run that changes things holds {@code journal/inbox.lock}: two runs
     * at once (cron's and a person's) would each rewrite the suppression list without the other's rows.
     */
    public InboxSummary process(InboxRequest request) {
        if (request.dryRun()) {
            return pass(request);
        }
        try (RunLock lock = RunLock.acquire(RunLock.Kind.INBOX, request.workspace().journalDir(), warnings)) {
            return pass(request);
        }
    }

    private InboxSummary pass(InboxRequest request) {
        Workspace workspace = request.workspace();
        Settings file = Settings.load(workspace.settingsFile());
        BulletinSettings settings = BulletinSettings.from(file);
        InboxSettings inbox = InboxSettings.resolve(file, request.env());
        Classifier classifier = new Classifier(settings.message().unsubscribe(), settings.sender().domain(),
                inbox.authservId());
        MailboxPass pass = new MailboxPass(workspace, inbox, request.dryRun(), request.only(), classifier, clock,
                warnings);
        Store store = Mailbox.open(inbox, request.login(), Tls.system());
        try {
            Folder folder = store.getFolder(inbox.folder());
            folder.open(request.dryRun() || !inbox.isImap() ? Folder.READ_ONLY : Folder.READ_WRITE);
            try {
                Message[] messages = fetch(folder, pass);
                for (Message message : messages) {
                    pass.handle(folder, (MimeMessage) message);
                }
                if (!request.dryRun() && inbox.isImap()) {
                    try {
                        new DoneFolder(inbox.doneFolder(), warnings).move(store, folder, pass.handledNow(),
                                pass.handledBefore());
                    } catch (MessagingException e) {
                        // Everything is applied and noted: the messages stay where they are, and the summary is kept.
                        warnings.accept(t("inbox.cannotMove", inbox.doneFolder(), e.getMessage()));
                    }
                }
                return pass.summary();
            } finally {
                if (folder.isOpen()) {
                    folder.close(false);
                }
            }
        } catch (MessagingException | IllegalStateException e) {
            throw new BulletinException(ExitCode.UNAVAILABLE, t("inbox.failed", inbox.describe(), e.getMessage()),
                    t("inbox.failed.hint"), e);
        } finally {
            try {
                store.close();
            } catch (MessagingException e) {
                // Nothing left to save.
            }
        }
    }

    /**
     * Every message of the folder: ids and sizes in one command, then the whole of each one the pass
     * wants (BODY.PEEK[]) in one more.
     */
    private static Message[] fetch(Folder folder, MailboxPass pass) throws MessagingException {
        Message[] messages = folder.getMessages();
        FetchProfile ids = new FetchProfile();
        ids.add(FetchProfile.Item.ENVELOPE);
        ids.add(FetchProfile.Item.SIZE);
        ids.add(UIDFolder.FetchProfileItem.UID);
        for (String header : HEADERS) {
            ids.add(header);
        }
        folder.fetch(messages, ids);
        List<Message> wanted = new ArrayList<>();
        for (Message message : messages) {
            if (pass.wanted(folder, (MimeMessage) message)) {
                wanted.add(message);
            }
        }
        if (folder instanceof IMAPFolder && !wanted.isEmpty()) {
            FetchProfile whole = new FetchProfile();
            whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
            folder.fetch(wanted.toArray(Message[]::new), whole);
        }
        return messages;
    }
}
