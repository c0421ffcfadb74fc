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
import java.util.Optional;
import java.util.Set;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.InboxSettings;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.journal.RunLock;
import org.imrap.bulletin.mail.Login;
import org.imrap.bulletin.mail.Tls;
import org.imrap.bulletin.oauth.Logins;

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
 * {@link DoneFolder} moves the handled ones; {@link StaffReport} mails what was done. The operator
 * ({@link InboxOperator}) is told and asked everything: the service never speaks to a console.
 */
public final class InboxService {
    private static final String[] HEADERS = {"Message-ID", "From", "To", "Subject", "Date"};

    private final Clock clock;

    public InboxService(Clock clock) {
        this.clock = clock;
    }

    /**
     * Reads the mailbox and applies what it holds; with {@link InboxRequest.Mode#CONFIRM}, only once the
     * operator has seen what would be done and said yes, and then exactly that. Mails the report to
     * {@code report.to} when something changed.
     */
    public InboxSummary run(InboxRequest request, InboxOperator operator) {
        Settings file = Settings.load(request.workspace().settingsFile());
        // A missing or wrong inbox.* setting is the first thing to fix: said before anything else.
        InboxSettings inbox = InboxSettings.resolve(file, request.env());
        if (request.mode() == InboxRequest.Mode.CONFIRM && !operator.interactive()) {
            throw new BulletinException(ExitCode.USAGE, t("inbox.noConfirmation"), t("inbox.noConfirmation.hint"));
        }
        StaffReport report = StaffReport.prepare(request, file, operator, clock);
        // Once for the run and its confirmation: a typed password is not asked for twice.
        Optional<Login> login = Logins.inbox(inbox, file, request.env(), operator::passwordIfInteractive, clock);
        Source source = new Source(request.workspace(), file, inbox, login);
        Optional<Set<String>> only = Optional.empty();
        if (request.mode() == InboxRequest.Mode.CONFIRM) {
            InboxSummary preview = pass(source, true, Optional.empty(), operator);
            if (!operator.confirm(preview)) {
                throw new BulletinException(ExitCode.TEMPORARY_FAILURE, t("inbox.notConfirmed"), null);
            }
            only = Optional.of(preview.handledIds());
        }
        InboxSummary summary = request.mode() == InboxRequest.Mode.DRY_RUN
                ? pass(source, true, only, operator) : locked(source, only, operator);
        report.mailIfChanged(summary, operator, clock);
        return summary;
    }

    /** What one pass reads: the workspace, its settings and the mailbox with its login. */
    private record Source(Workspace workspace, Settings file, InboxSettings inbox, Optional<Login> login) {
    }

    /**
     * A pass that changes things holds {@code journal/inbox.lock}: two runs at once (cron's and a
     * person's) would each rewrite the suppression list without the other's rows.
     */
    private InboxSummary locked(Source source, Optional<Set<String>> only, InboxOperator operator) {
        try (RunLock lock = RunLock.acquire(RunLock.Kind.INBOX, source.workspace().journalDir(), operator::warning)) {
            return pass(source, false, only, operator);
        }
    }

    /** One pass over the mailbox; with {@code only}, applied to those messages alone. */
    private InboxSummary pass(Source source, boolean dryRun, Optional<Set<String>> only, InboxOperator operator) {
        InboxSettings inbox = source.inbox();
        BulletinSettings settings = BulletinSettings.from(source.file());
        Classifier classifier = new Classifier(settings.message().unsubscribe(), settings.sender().domain(),
                inbox.authservId());
        MailboxPass pass = new MailboxPass(source.workspace(), inbox, dryRun, only, classifier, clock,
                operator::warning);
        Store store = Mailbox.open(inbox, source.login(), Tls.system());
        try {
            Folder folder = store.getFolder(inbox.folder());
            folder.open(dryRun || !inbox.isImap() ? Folder.READ_ONLY : Folder.READ_WRITE);
            try {
                Message[] messages = fetch(folder, pass);
                for (Message message : messages) {
                    pass.handle(folder, (MimeMessage) message);
                }
                if (!dryRun && inbox.isImap()) {
                    try {
                        new DoneFolder(inbox.doneFolder(), operator::warning).move(store, folder, pass.handledNow(),
                                pass.handledBefore());
                    } catch (MessagingException e) {
                        // Everything is applied and noted: the messages stay where they are, and the summary is kept.
                        operator.warning(t("inbox.cannotMove", inbox.doneFolder(), e.getMessage()));
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
