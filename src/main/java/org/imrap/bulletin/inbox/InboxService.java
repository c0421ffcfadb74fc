package org.imrap.bulletin.inbox;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.InboxSettings;
import org.imrap.bulletin.config.Passwords;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.journal.CsvLog;
import org.imrap.bulletin.mail.Addresses;
import org.imrap.bulletin.mail.NoDelaySocketFactory;
import org.imrap.bulletin.mail.NoDelaySslSocketFactory;
import org.imrap.bulletin.recipients.ListEditor;
import org.imrap.bulletin.recipients.RecipientsFolder;

/**
 * Reads the mailbox that unsubscribe requests and bounces come back to, and applies them to the
 * lists: an authentic request puts the address on the suppression list; bounces are recorded
 * against their campaign and suppress an address after {@code inbox.hardBounces} permanent ones or
 * {@code inbox.softBounces} temporary ones in different campaigns. Handled messages are moved to
 * {@code inbox.doneFolder} (IMAP) and every message's outcome is noted in {@code journal/inbox.csv}
 * before that, so a run cut short is finished by the next one and nothing is applied twice.
 * Everything else is left as it was: never deleted, never marked read.
 */
public final class InboxService {
    static final List<String> LOG_HEADER = List.of("time", "message", "finding", "email", "action");
    public static final List<String> BOUNCES_HEADER = List.of("time", "campaign", "email", "kind", "status",
            "diagnostic", "bounce");
    static final String REASON = "désabonnement par e-mail";

    private final Clock clock;

    public InboxService(Clock clock) {
        this.clock = clock;
    }

    public static Path bouncesFile(Workspace workspace) {
        return workspace.journalDir().resolve("bounces.csv");
    }

    public InboxSummary process(InboxRequest request, Passwords.Prompt prompt) {
        Workspace workspace = request.workspace();
        Settings file = Settings.load(workspace.settingsFile());
        BulletinSettings settings = BulletinSettings.from(file);
        InboxSettings inbox = InboxSettings.resolve(file, request.env());
        Optional<char[]> password = Passwords.obtain(inbox.username(), inbox.host(), inbox.passwordFile(),
                Passwords.INBOX_VARIABLE, request.env(), prompt);
        Classifier classifier = new Classifier(settings.message().unsubscribe(), settings.sender().domain());
        Run run = new Run(workspace, inbox, request.dryRun());
        Store store = connect(inbox, password);
        try {
            Folder folder = store.getFolder(inbox.folder());
            folder.open(request.dryRun() || !inbox.isImap() ? Folder.READ_ONLY : Folder.READ_WRITE);
            try {
                Message[] messages = folder.getMessages();
                // Ids (and for IMAP the whole messages, BODY.PEEK[]) in one command, not a round trip each.
                jakarta.mail.FetchProfile profile = new jakarta.mail.FetchProfile();
                profile.add("Message-ID");
                profile.add(jakarta.mail.UIDFolder.FetchProfileItem.UID);
                if (folder instanceof IMAPFolder) {
                    profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
                }
                folder.fetch(messages, profile);
                for (Message message : messages) {
                    run.handle(folder, (MimeMessage) message, classifier);
                }
                run.moveHandled(store, folder);
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | IOException e) {
            throw new BulletinException(ExitCode.UNAVAILABLE, t("inbox.failed", inbox.describe(), e.getMessage()),
                    t("inbox.failed.hint"), e);
        } finally {
            try {
                store.close();
            } catch (MessagingException e) {
                // Nothing left to save.
            }
        }
        return run.summary(inbox.describe());
    }

    private static Store connect(InboxSettings inbox, Optional<char[]> password) {
        String protocol = inbox.protocol();
        String prefix = "mail." + protocol + ".";
        Properties p = new Properties();
        p.put(prefix + "host", inbox.host());
        p.put(prefix + "port", String.valueOf(inbox.port()));
        p.put(prefix + "connectiontimeout", String.valueOf(inbox.connectTimeout().toMillis()));
        p.put(prefix + "timeout", String.valueOf(inbox.readTimeout().toMillis()));
        p.put(prefix + "writetimeout", String.valueOf(inbox.readTimeout().toMillis()));
        p.put(prefix + "ssl.checkserveridentity", "true");
        // Reading a message must not mark it read (IMAP BODY.PEEK).
        p.put(prefix + "peek", "true");
        if (inbox.tls() && protocol.equals("imap")) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        // Each IMAP command waits for its reply: with Nagle's algorithm that is ~40 ms each (see NoDelaySocketFactory).
        if (protocol.endsWith("s")) {
            p.put(prefix + "ssl.socketFactory", new NoDelaySslSocketFactory(
                    (javax.net.ssl.SSLSocketFactory) javax.net.ssl.SSLSocketFactory.getDefault()));
        } else {
            p.put(prefix + "socketFactory", new NoDelaySocketFactory());
        }
        try {
            Store store = Session.getInstance(p).getStore(protocol);
            store.connect(inbox.host(), inbox.port(), inbox.username().orElse(null),
                    password.map(String::new).orElse(null));
            return store;
        } catch (AuthenticationFailedException e) {
            throw new BulletinException(ExitCode.NO_PERMISSION, t("inbox.login", inbox.describe(),
                    inbox.username().orElse("-"), e.getMessage()), t("inbox.login.hint"));
        } catch (MessagingException e) {
            throw new BulletinException(ExitCode.UNAVAILABLE, t("inbox.cannotConnect", inbox.describe(), e.getMessage()),
                    t("inbox.failed.hint"), e);
        }
    }

    /** One pass over the mailbox. */
    private final class Run {
        private final Workspace workspace;
        private final InboxSettings inbox;
        private final boolean dryRun;
        private final CsvLog log;
        private final CsvLog bounces;
        private final ListEditor editor;
        private final Set<String> done = new HashSet<>();
        private final Set<String> bounceIds = new HashSet<>();
        private final Map<String, String> campaignOf = new HashMap<>();
        private final List<Message> toMove = new ArrayList<>();
        private final List<String> refused = new ArrayList<>();
        private final List<String> suppressed = new ArrayList<>();
        private final List<String> actions = new ArrayList<>();
        private int messages;
        private int honoured;
        private int hard;
        private int soft;
        private int autoReplies;
        private int other;
        private int seenBefore;

        Run(Workspace workspace, InboxSettings inbox, boolean dryRun) {
            this.workspace = workspace;
            this.inbox = inbox;
            this.dryRun = dryRun;
            this.log = new CsvLog(workspace.journalDir().resolve("inbox.csv"), LOG_HEADER);
            this.bounces = new CsvLog(bouncesFile(workspace), BOUNCES_HEADER);
            this.editor = new ListEditor(new RecipientsFolder(workspace.recipientsDir()), clock);
            log.rows().forEach(row -> done.add(row.get(1)));
            bounces.rows().forEach(row -> bounceIds.add(row.get(6)));
            indexJournals();
        }

        /** Which campaign each Message-ID bulletin sent belongs to, from the journals. */
        private void indexJournals() {
            try (var files = java.nio.file.Files.list(workspace.journalDir())) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    if (!name.endsWith(".csv") || name.equals("inbox.csv") || name.equals("bounces.csv")) {
                        continue;
                    }
                    for (List<String> row : new CsvLog(file, List.of()).rows()) {
                        if (row.size() >= 8) {
                            campaignOf.put(row.get(6), row.get(1));
                        }
                    }
                }
            } catch (IOException e) {
                // No journals yet: bounces are matched by address only.
            }
        }

        void handle(Folder folder, MimeMessage message, Classifier classifier) throws MessagingException, IOException {
            messages++;
            String id = idOf(folder, message);
            if (done.contains(id)) {
                seenBefore++;
                if (inbox.isImap()) {
                    toMove.add(message);
                }
                return;
            }
            // One fetch of the whole message (BODY.PEEK[]), then everything is read locally.
            Finding finding = classifier.classify(new MimeMessage(message));
            String action;
            String email = "";
            if (finding instanceof Finding.Unsubscribe request && request.authentic()) {
                honoured++;
                email = request.email();
                action = unsubscribe(email, REASON);
            } else if (finding instanceof Finding.Unsubscribe request) {
                email = request.email();
                refused.add(t("inbox.refusedLine", email, fromOf(message)));
                action = "refused";
            } else if (finding instanceof Finding.Bounce bounce) {
                email = bounce.email();
                action = bounce(id, bounce);
            } else if (finding instanceof Finding.AutoReply) {
                autoReplies++;
                return;
            } else {
                other++;
                return;
            }
            actions.add(t("inbox.actionLine", kind(finding), email, action));
            if (!dryRun) {
                log.append(List.of(clock.instant().toString(), id, kind(finding), email, action));
                done.add(id);
                if (inbox.isImap()) {
                    toMove.add(message);
                }
            }
        }

        private String kind(Finding finding) {
            if (finding instanceof Finding.Unsubscribe request) {
                return request.authentic() ? "unsubscribe" : "unsubscribe-refused";
            }
            if (finding instanceof Finding.Bounce bounce) {
                return bounce.permanent() ? "bounce-hard" : "bounce-soft";
            }
            return "other";
        }

        /** Puts the address on the suppression list (idempotent: an address there already stays once). */
        private String unsubscribe(String email, String reason) {
            if (dryRun) {
                return "would-unsubscribe";
            }
            try {
                return editor.unsubscribe(email, reason).added() ? "unsubscribed" : "already-unsubscribed";
            } catch (BulletinException e) {
                return "invalid-address";
            }
        }

        /** Records a bounce once (by the report's own id) and suppresses the address past the thresholds. */
        private String bounce(String id, Finding.Bounce bounce) {
            if (bounce.permanent()) {
                hard++;
            } else {
                soft++;
            }
            String campaign = bounce.originalId().map(campaignOf::get).orElse("");
            if (dryRun) {
                return "would-record";
            }
            if (bounceIds.add(id)) {
                bounces.append(List.of(clock.instant().toString(), campaign, bounce.email(),
                        bounce.permanent() ? "hard" : "soft", bounce.status(), bounce.diagnostic(), id));
            }
            String key = Addresses.normalise(bounce.email());
            int hardCount = 0;
            Set<String> softCampaigns = new HashSet<>();
            for (List<String> row : bounces.rows()) {
                if (Addresses.normalise(row.get(2)).equals(key)) {
                    if (row.get(3).equals("hard")) {
                        hardCount++;
                    } else {
                        softCampaigns.add(row.get(1).isEmpty() ? row.get(6) : row.get(1));
                    }
                }
            }
            if (hardCount >= inbox.hardBounces() || softCampaigns.size() >= inbox.softBounces()) {
                String result = unsubscribe(bounce.email(), "bounce " + bounce.status()
                        + (bounce.diagnostic().isEmpty() ? "" : " " + bounce.diagnostic()));
                if (result.equals("unsubscribed")) {
                    suppressed.add(bounce.email());
                }
                return "recorded, " + result;
            }
            return "recorded";
        }

        /** Moves what was handled out of the way (IMAP): MOVE (RFC 6851), or copy and delete those only. */
        void moveHandled(Store store, Folder folder) throws MessagingException {
            if (dryRun || toMove.isEmpty() || !inbox.isImap()) {
                return;
            }
            Folder target = store.getFolder(inbox.doneFolder());
            if (!target.exists()) {
                target.create(Folder.HOLDS_MESSAGES);
            }
            Message[] handled = toMove.toArray(Message[]::new);
            IMAPFolder imap = (IMAPFolder) folder;
            try {
                imap.moveMessages(handled, target);
            } catch (MessagingException e) {
                imap.copyMessages(handled, target);
                for (Message message : handled) {
                    message.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
                }
                imap.expunge(handled);
            }
        }

        InboxSummary summary(String mailbox) {
            return new InboxSummary(dryRun, mailbox, messages, honoured, refused, hard, soft, suppressed, autoReplies,
                    other, seenBefore, actions);
        }

        private String idOf(Folder folder, MimeMessage message) throws MessagingException {
            if (message.getMessageID() != null) {
                return message.getMessageID();
            }
            if (folder instanceof POP3Folder pop3) {
                return "pop3:" + pop3.getUID(message);
            }
            if (folder instanceof IMAPFolder imap) {
                return "imap:" + imap.getUIDValidity() + ":" + imap.getUID(message);
            }
            return "n:" + message.getMessageNumber();
        }

        private String fromOf(MimeMessage message) throws MessagingException {
            return message.getFrom() == null || message.getFrom().length == 0 ? "?" : message.getFrom()[0].toString();
        }
    }
}
