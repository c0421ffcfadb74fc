package org.imrap.bulletin.inbox;

import org.imrap.bulletin.address.EmailAddress;
import static org.imrap.bulletin.Text.t;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.InboxSettings;
import org.imrap.bulletin.config.Passwords;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.journal.CsvLog;
import org.imrap.bulletin.journal.JournalState;
import org.imrap.bulletin.journal.RunLock;
import org.imrap.bulletin.address.Addresses;
import org.imrap.bulletin.address.InvalidAddressException;
import org.imrap.bulletin.mail.Login;
import org.imrap.bulletin.mail.SessionProperties;
import org.imrap.bulletin.mail.Status;
import org.imrap.bulletin.mail.Tls;
import org.imrap.bulletin.oauth.Logins;
import org.imrap.bulletin.recipients.ListEditor;
import org.imrap.bulletin.recipients.RecipientsFolder;

/**
 * Reads the mailbox that unsubscribe requests and bounces come back to, and applies them to the
 * lists: an authentic request puts the address on the suppression list; a bounce about a message
 * bulletin sent is recorded against its campaign and suppresses the address after
 * {@code inbox.hardBounces} permanent ones or {@code inbox.softBounces} temporary ones about different
 * messages. Each handled message is noted in {@code journal/inbox.csv} before it is moved to
 * {@code inbox.doneFolder} (IMAP), so a run cut short is finished by the next one and nothing is
 * applied twice. Everything else is left as it was: never deleted, moved or marked read.
 */
public final class InboxService {
    static final List<String> LOG_HEADER = List.of("time", "message", "finding", "email", "action");
    public static final List<String> BOUNCES_HEADER = List.of("time", "campaign", "email", "kind", "status",
            "diagnostic", "bounce", "original");
    static final String REASON = "désabonnement par e-mail";
    /** Larger messages are not what bulletin looks for (and would cost memory): left alone. */
    static final int MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

    private final Clock clock;
    private final Consumer<String> warnings;

    public InboxService(Clock clock, Consumer<String> warnings) {
        this.clock = clock;
        this.warnings = warnings;
    }

    public static Path bouncesFile(Workspace workspace) {
        return workspace.journalDir().resolve("bounces.csv");
    }

    /** The mailbox password or OAuth2 access token ({@code inbox.auth}), once for a run (and its confirmation). */
    public static Optional<Login> login(InboxSettings inbox, Settings file, Map<String, String> env,
                                        Passwords.Prompt prompt, Clock clock) {
        return Logins.inbox(inbox, file, env, prompt, clock);
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
        Run run = new Run(workspace, inbox, request);
        Store store = connect(inbox, request.login());
        try {
            Folder folder = store.getFolder(inbox.folder());
            folder.open(request.dryRun() || !inbox.isImap() ? Folder.READ_ONLY : Folder.READ_WRITE);
            try {
                Message[] messages = folder.getMessages();
                // Ids and sizes in one command; then the whole of each unhandled message (BODY.PEEK[]) in one more.
                FetchProfile ids = new FetchProfile();
                ids.add(FetchProfile.Item.ENVELOPE);
                ids.add(FetchProfile.Item.SIZE);
                ids.add(UIDFolder.FetchProfileItem.UID);
                for (String header : new String[] {"Message-ID", "From", "To", "Subject", "Date"}) {
                    ids.add(header);
                }
                folder.fetch(messages, ids);
                List<Message> unhandled = new ArrayList<>();
                for (Message message : messages) {
                    if (!run.seen(folder, (MimeMessage) message) && message.getSize() <= MAX_MESSAGE_BYTES) {
                        unhandled.add(message);
                    }
                }
                if (folder instanceof IMAPFolder && !unhandled.isEmpty()) {
                    FetchProfile whole = new FetchProfile();
                    whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
                    folder.fetch(unhandled.toArray(Message[]::new), whole);
                }
                for (Message message : messages) {
                    run.handle(folder, (MimeMessage) message, classifier);
                }
                try {
                    run.moveHandled(store, folder);
                } catch (MessagingException e) {
                    // Everything is applied and noted: the messages stay where they are, and the summary is kept.
                    warnings.accept(t("inbox.cannotMove", inbox.doneFolder(), e.getMessage()));
                }
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
        return run.summary(inbox.describe());
    }

    /** Opens the mailbox; an OAuth2 token it refuses (NO) is renewed once and tried again. */
    private static Store connect(InboxSettings inbox, Optional<Login> login) {
        return open(inbox, login, Tls.system());
    }

    /**
     * Connects to the mailbox and logs in, as every inbox run does ({@code bulletin check} too), trusting
     * servers as {@code tls} says; fails with 77 (login refused) or 69 (unreachable, TLS refused).
     */
    public static Store open(InboxSettings inbox, Optional<Login> login, Tls tls) {
        Properties p = SessionProperties.inbox(inbox, login.map(Login::mechanism), tls);
        char[] secret = login.map(Login::secret).orElse(null);
        try {
            Session session = Session.getInstance(p);
            try {
                return open(session, inbox, secret);
            } catch (AuthenticationFailedException e) {
                Optional<char[]> renewed = login.flatMap(l -> l.renew(secret));
                if (renewed.isEmpty()) {
                    throw loginRefused(inbox, login, e);
                }
                try {
                    return open(session, inbox, renewed.get());
                } catch (AuthenticationFailedException again) {
                    throw loginRefused(inbox, login, again);
                }
            }
        } catch (MessagingException e) {
            throw new BulletinException(ExitCode.UNAVAILABLE, t("inbox.cannotConnect", inbox.describe(), e.getMessage()),
                    t("inbox.failed.hint"), e);
        }
    }

    private static Store open(Session session, InboxSettings inbox, char[] secret) throws MessagingException {
        Store store = session.getStore(inbox.protocol());
        store.connect(inbox.host(), inbox.port(), inbox.username().orElse(null), secret == null ? null : new String(secret));
        return store;
    }

    private static BulletinException loginRefused(InboxSettings inbox, Optional<Login> login,
                                                  AuthenticationFailedException e) {
        boolean oauth2 = login.filter(l -> l.mechanism() == Login.Mechanism.XOAUTH2).isPresent();
        return new BulletinException(ExitCode.NO_PERMISSION, t(oauth2 ? "inbox.login.oauth2" : "inbox.login",
                inbox.describe(), inbox.username().orElse("-"), e.getMessage()),
                t(oauth2 ? "inbox.login.oauth2.hint" : "inbox.login.hint"));
    }

    /** A message bulletin sent, as its journal row has it. */
    private record Sent(String campaign, String email) {

        /** Every message the journals say was sent, by Message-ID. */
        static Map<String, Sent> read(Path journalDir) {
            Map<String, Sent> byId = new HashMap<>();
            try (var files = Files.list(journalDir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    if (!name.endsWith(".csv") || name.equals("inbox.csv") || name.equals("bounces.csv")) {
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
            return byId;
        }
    }

    /** One pass over the mailbox. */
    private final class Run {
        private final Workspace workspace;
        private final InboxSettings inbox;
        private final InboxRequest request;
        private final CsvLog log;
        private final CsvLog bounces;
        private final ListEditor editor;
        private final Map<String, Sent> sent;
        private final Set<String> done = new HashSet<>();
        private final Set<String> bounceIds = new HashSet<>();
        private final Map<Message, String> ids = new HashMap<>();
        private final List<Message> handledBefore = new ArrayList<>();
        private final List<Message> handledNow = new ArrayList<>();
        private final List<String> refused = new ArrayList<>();
        private final List<String> suppressed = new ArrayList<>();
        private final List<String> actions = new ArrayList<>();
        private final Set<String> handledIds = new HashSet<>();
        private int messages;
        private int honoured;
        private int hard;
        private int soft;
        private int autoReplies;
        private int other;

        Run(Workspace workspace, InboxSettings inbox, InboxRequest request) {
            this.workspace = workspace;
            this.inbox = inbox;
            this.request = request;
            this.log = new CsvLog(workspace.journalDir().resolve("inbox.csv"), LOG_HEADER);
            this.bounces = new CsvLog(bouncesFile(workspace), BOUNCES_HEADER);
            this.editor = new ListEditor(new RecipientsFolder(workspace.recipientsDir()), clock);
            this.sent = Sent.read(workspace.journalDir());
            log.rows().forEach(row -> done.add(row.get(1)));
            bounces.rows().forEach(row -> bounceIds.add(row.get(6)));
        }

        /** True when an earlier run handled this message. */
        boolean seen(Folder folder, MimeMessage message) throws MessagingException {
            return done.contains(idOf(folder, message));
        }

        void handle(Folder folder, MimeMessage message, Classifier classifier) throws MessagingException {
            messages++;
            String id = idOf(folder, message);
            if (done.contains(id)) {
                handledBefore.add(message);
                return;
            }
            if (message.getSize() > MAX_MESSAGE_BYTES || request.only().map(only -> !only.contains(id)).orElse(false)) {
                other++;
                return;
            }
            Finding finding;
            try {
                // The whole message was fetched in one command: everything is read locally from here.
                finding = classifier.classify(new MimeMessage(message));
            } catch (MessagingException | IOException | RuntimeException e) {
                warnings.accept(t("inbox.unreadable", e.getMessage()));
                other++;
                return;
            }
            String email;
            String action;
            if (finding instanceof Finding.Unsubscribe asked && asked.authentic()) {
                honoured++;
                email = asked.email();
                action = unsubscribe(email, REASON);
            } else if (finding instanceof Finding.Unsubscribe asked) {
                // Not authentic: reported, and left in the mailbox for a person to look at.
                refused.add(t("inbox.refusedLine", asked.email(), fromOf(message)));
                return;
            } else if (finding instanceof Finding.Bounce bounce) {
                Optional<String> campaign = campaignOf(bounce);
                if (campaign.isEmpty()) {
                    warnings.accept(t("inbox.notOurs", bounce.email()));
                    other++;
                    return;
                }
                email = bounce.email();
                action = bounce(id, bounce, campaign.get());
            } else if (finding instanceof Finding.AutoReply) {
                autoReplies++;
                return;
            } else {
                other++;
                return;
            }
            actions.add(t("inbox.actionLine", kind(finding), email, action));
            handledIds.add(id);
            if (!request.dryRun()) {
                log.append(List.of(clock.instant().toString(), id, kind(finding), email, action));
                done.add(id);
                handledNow.add(message);
            }
        }

        /**
         * The campaign a bounce is about — only if the report returns the Message-ID of a message the
         * journals say bulletin sent to that very address. Our Message-IDs cannot be guessed, so a
         * forged report (or one about someone else's mail) is left alone and cannot suppress anyone.
         */
        private Optional<String> campaignOf(Finding.Bounce bounce) {
            return bounce.originalId().map(sent::get)
                    .filter(original -> original.email().equals(EmailAddress.canonical(bounce.email())))
                    .map(Sent::campaign);
        }

        /**
         * "bounce 5.1.1 <the server's words>", in printable ASCII and at most 200 characters: a
         * remote server's text must not make the suppression list unwritable (a control character, a
         * character the list's encoding lacks) and so block every later run.
         */
        private static String suppressionReason(Finding.Bounce bounce) {
            String reason = ("bounce " + bounce.status() + " " + bounce.diagnostic())
                    .replaceAll("[^\\x20-\\x7E]+", " ").replaceAll(" {2,}", " ").strip();
            return reason.length() > 200 ? reason.substring(0, 200).strip() : reason;
        }

        private String kind(Finding finding) {
            if (finding instanceof Finding.Unsubscribe) {
                return "unsubscribe";
            }
            if (finding instanceof Finding.Bounce bounce) {
                return bounce.permanent() ? "bounce-hard" : "bounce-soft";
            }
            return "other";
        }

        /**
         * Puts the address on the suppression list (idempotent). Only a malformed address is noted as
         * such; any other failure (a file that cannot be written) stops the run before the message is
         * noted as handled, so the next run applies it.
         */
        private String unsubscribe(String email, String reason) {
            if (request.dryRun()) {
                return "would-unsubscribe";
            }
            try {
                Addresses.parse(email);
            } catch (InvalidAddressException e) {
                return "invalid-address";
            }
            return editor.unsubscribe(email, reason).added() ? "unsubscribed" : "already-unsubscribed";
        }

        /** Records a bounce once (by the report's own id) and suppresses the address past the thresholds. */
        private String bounce(String id, Finding.Bounce bounce, String campaign) {
            if (bounce.permanent()) {
                hard++;
            } else {
                soft++;
            }
            if (request.dryRun()) {
                return "would-record";
            }
            if (bounceIds.add(id)) {
                bounces.append(List.of(clock.instant().toString(), campaign, bounce.email(),
                        bounce.permanent() ? "hard" : "soft", bounce.status(), spreadsheetSafe(bounce.diagnostic()),
                        id, bounce.originalId().orElse("")));
            }
            String key = EmailAddress.canonical(bounce.email());
            int hardCount = 0;
            Set<String> softMessages = new HashSet<>();
            for (List<String> row : bounces.rows()) {
                if (EmailAddress.canonical(row.get(2)).equals(key)) {
                    if (row.get(3).equals("hard")) {
                        hardCount++;
                    } else {
                        // Several reports about one message count once; different messages (campaigns) add up.
                        softMessages.add(row.size() > 7 && !row.get(7).isEmpty() ? row.get(7)
                                : row.get(1).isEmpty() ? row.get(6) : row.get(1));
                    }
                }
            }
            if (hardCount >= inbox.hardBounces() || softMessages.size() >= inbox.softBounces()) {
                String result = unsubscribe(bounce.email(), suppressionReason(bounce));
                if (result.equals("unsubscribed")) {
                    suppressed.add(bounce.email());
                }
                return "recorded, " + result;
            }
            return "recorded";
        }

        /**
         * Moves handled messages out of the way (IMAP) by what the server can do: MOVE (RFC 6851), or copy
         * then UID EXPUNGE of those only (UIDPLUS, RFC 4315), or copy only — never an expunge that could
         * remove anything else. Messages handled before are moved only when the server can move.
         */
        void moveHandled(Store store, Folder folder) throws MessagingException {
            if (request.dryRun() || !inbox.isImap() || !(store instanceof IMAPStore imapStore)) {
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
            Folder target = store.getFolder(inbox.doneFolder());
            if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
                warnings.accept(t("inbox.cannotCreateFolder", inbox.doneFolder()));
                return;
            }
            Message[] handled = toMove.toArray(Message[]::new);
            IMAPFolder imap = (IMAPFolder) folder;
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

        InboxSummary summary(String mailbox) {
            return new InboxSummary(request.dryRun(), mailbox, messages, honoured, refused, hard, soft, suppressed,
                    autoReplies, other, handledBefore.size(), actions, handledIds);
        }

        /** The message's Message-ID (or UID) and a digest of its headers: a reused Message-ID is another message. */
        private String idOf(Folder folder, MimeMessage message) throws MessagingException {
            String cached = ids.get(message);
            if (cached != null) {
                return cached;
            }
            String base = message.getMessageID();
            if (base == null && folder instanceof UIDFolder uids) {
                base = "uid:" + uids.getUID(message);
            }
            String id = (base == null ? "n" : base) + ":" + digest(message);
            ids.put(message, id);
            return id;
        }

        private String digest(MimeMessage message) throws MessagingException {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (String name : new String[] {"From", "To", "Subject", "Date"}) {
                    String[] values = message.getHeader(name);
                    if (values != null) {
                        for (String value : values) {
                            sha.update((name + ":" + value + "\n").getBytes(StandardCharsets.UTF_8));
                        }
                    }
                }
                return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
        }

        private String fromOf(MimeMessage message) throws MessagingException {
            return message.getFrom() == null || message.getFrom().length == 0 ? "?" : message.getFrom()[0].toString();
        }
    }

    /** A diagnostic in a CSV opened by a spreadsheet must not start like a formula. */
    private static String spreadsheetSafe(String text) {
        String one = text.replaceAll("[\\r\\n]+", " ").strip();
        one = one.length() > 300 ? one.substring(0, 300) : one;
        return one.matches("^[=+\\-@].*") ? "'" + one : one;
    }
}
