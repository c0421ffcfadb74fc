package org.imrap.bulletin.send;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.Passwords;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.journal.Journal;
import org.imrap.bulletin.journal.JournalFile;
import org.imrap.bulletin.journal.JournalRow;
import org.imrap.bulletin.journal.JournalState;
import org.imrap.bulletin.journal.RunLock;
import org.imrap.bulletin.journal.Status;
import org.imrap.bulletin.mail.Addresses;
import org.imrap.bulletin.mail.Delivery;
import org.imrap.bulletin.mail.InvalidAddressException;
import org.imrap.bulletin.mail.MessageBuilder;
import org.imrap.bulletin.mail.Sandbox;
import org.imrap.bulletin.mail.SmtpConnection;
import org.imrap.bulletin.news.MonthOfNews;
import org.imrap.bulletin.news.NewsFolder;
import org.imrap.bulletin.recipients.Audience;
import org.imrap.bulletin.recipients.AudienceReport;
import org.imrap.bulletin.recipients.ListCount;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.recipients.RecipientsFolder;
import org.imrap.bulletin.render.BulletinRenderer;
import org.imrap.bulletin.render.RenderedMessage;
import org.imrap.bulletin.render.Templates;

/**
 * Sends a month's bulletin to its audience, each person exactly once per campaign: the journal is
 * read first and everyone it holds as sent is skipped; each outcome is on disk before the next
 * message is handed to the server; one SMTP session is reused, re-made after a 421 or a broken
 * connection; a "later" (4xx) is retried with growing waits, then left deferred for the next run.
 */
public final class SendService {
    /** Waits between tries and for the rate limit; tests replace it. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Messages in a row the server does not take before the run stops (the rest wait for the next run). */
    static final int NOT_SENT_BEFORE_STOP = 10;
    /** Messages in a row refused after DATA (the content, not the person) before the run stops. */
    static final int REFUSED_MESSAGES_BEFORE_STOP = 3;
    /** How long a run waits for the quota to let the next message go before leaving it to the next run. */
    static final Duration QUOTA_WAIT = Duration.ofMinutes(15);
    private static final java.time.format.DateTimeFormatter MINUTE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Clock clock;
    private final Sleeper sleeper;

    public SendService(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public SendSummary send(SendRequest request, Operator operator) {
        Campaign campaign = Campaign.prepare(request, clock);
        if (request.mode() == SendMode.TEST) {
            return sendTest(campaign, request, operator);
        }
        if (request.mode() == SendMode.DRY_RUN) {
            SendPlan plan = plan(campaign, request, JournalState.read(campaign.journalPath()));
            operator.plan(plan);
            return dryRun(campaign, plan);
        }
        // The lock comes first: the plan, the question and the sending all see one journal.
        try (RunLock lock = RunLock.acquire(RunLock.Kind.SEND, campaign.journalPath().getParent(), operator::warning)) {
            JournalState journal = JournalState.read(campaign.journalPath());
            SendPlan plan = plan(campaign, request, journal);
            if (plan.toSend() == 0) {
                // The daily cron job's usual day: one line, nothing else.
                Tally nothing = new Tally();
                nothing.skipped = plan.alreadySent();
                nothing.failedBefore = plan.failedBefore();
                return summary(campaign, plan, nothing, Optional.empty(), Optional.empty(), 0);
            }
            operator.plan(plan);
            if (plan.thisRun() == 0) {
                // The quota lets nothing go now: say when, without asking, connecting or logging in.
                Tally waiting = new Tally();
                waiting.skipped = plan.alreadySent();
                waiting.failedBefore = plan.failedBefore();
                waiting.left = plan.toSend();
                Instant now = clock.instant();
                waiting.stopReason = campaign.pace().quota().nextAllowed(now).map(when -> t("stop.quota",
                        campaign.pace().quota().describe(),
                        when.atZone(clock.getZone()).toLocalDateTime().withNano(0).format(MINUTE)));
                return summary(campaign, plan, waiting, Optional.empty(), Optional.empty(), 0);
            }
            confirm(campaign, request, operator, plan);
            Optional<char[]> password = campaign.smtp().isSandbox() ? Optional.empty()
                    : Passwords.smtp(campaign.smtp(), request.env(), prompt(operator));
            return deliver(campaign, request, operator, plan, journal, password);
        }
    }

    private SendPlan plan(Campaign campaign, SendRequest request, JournalState journal) {
        int[] alreadySent = {0};
        int[] failedBefore = {0};
        Map<String, Recipient> firstOfList = new java.util.LinkedHashMap<>();
        AudienceReport report = campaign.audience().stream(person -> {
            firstOfList.putIfAbsent(person.list(), person);
            Optional<Status> last = journal.lastStatus(person.email());
            if (last.filter(status -> status == Status.SENT).isPresent()) {
                alreadySent[0]++;
            } else if (last.filter(status -> status == Status.FAILED).isPresent() && !request.retryFailed()) {
                failedBefore[0]++;
            }
        });
        refuseUnreadable(report);
        // Render once per list before anything is sent: a template that needs a column a list lacks fails now.
        String subject = "";
        long messageBytes = 0;
        for (Recipient person : firstOfList.values()) {
            RenderedMessage rendered = campaign.renderer().render(campaign.news(), person);
            if (subject.isEmpty()) {
                subject = rendered.subject();
                messageBytes = size(campaign.build(person, rendered));
            }
        }
        checkUnchanged(journal, campaign.contentHash(), request.allowChanged());
        int toSend = report.reached() - alreadySent[0] - failedBefore[0];
        SendSettings pace = campaign.pace();
        Optional<Integer> quotaLeft = pace.quota().load(campaign.journalPath().getParent(), clock.instant())
                .leftNow(clock.instant());
        // What frees up within the few minutes a run waits for the quota counts for this run too.
        int quotaSoon = pace.quota().leftNow(clock.instant().plus(QUOTA_WAIT)).orElse(Integer.MAX_VALUE);
        int thisRun = Math.min(toSend, Math.min(request.limit().orElse(Integer.MAX_VALUE), quotaSoon));
        Optional<Duration> estimate = pace.ratePerMinute() > 0
                ? Optional.of(pace.interval().multipliedBy(Math.max(0, thisRun - 1))) : Optional.empty();
        List<String> warnings = new ArrayList<>(campaign.builder().warnings());
        if (messageBytes > SendPlan.LARGE_MESSAGE) {
            warnings.add(t("plan.large", messageBytes / 1024));
        }
        return new SendPlan(request.mode(), campaign.name(), subject, campaign.smtp().describe(),
                campaign.smtp().isSandbox(), campaign.settings().sender().email(), report, alreadySent[0],
                failedBefore[0], toSend, request.limit(), campaign.journalPath(), messageBytes, pace.quota().describe(),
                quotaLeft, pace.ratePerMinute(), thisRun, estimate, warnings);
    }

    private static long size(MimeMessage message) {
        long[] count = {0};
        try {
            message.writeTo(new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    count[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    count[0] += len;
                }
            });
        } catch (java.io.IOException | MessagingException e) {
            return 0;
        }
        return count[0];
    }

    /** A list, or the suppression list, that cannot be read whole would make people vanish or be mailed wrongly. */
    private static void refuseUnreadable(AudienceReport report) {
        if (report.hasUnreadableList()) {
            throw new BadDataException(t("send.listUnreadable"),
                    new ArrayList<>(report.problems()),
                    t("send.listUnreadable.hint"));
        }
        if (report.suppressionUnreadable()) {
            throw new BadDataException(t("send.suppressionUnreadable"),
                    new ArrayList<>(report.suppressionProblems()),
                    t("send.suppressionUnreadable.hint", RecipientsFolder.SUPPRESSION_FILE));
        }
    }

    private static void checkUnchanged(JournalState journal, String contentHash, boolean allowChanged) {
        int earlier = journal.sentByContent().entrySet().stream()
                .filter(entry -> !entry.getKey().equals(contentHash)).mapToInt(Map.Entry::getValue).sum();
        if (earlier > 0 && !allowChanged) {
            throw new BulletinException(ExitCode.DATA_ERROR, t(earlier == 1 ? "send.changed.one" : "send.changed.many", earlier), t("send.changed.hint"));
        }
    }

    private void confirm(Campaign campaign, SendRequest request, Operator operator, SendPlan plan) {
        if (campaign.smtp().isSandbox() || request.confirmed()) {
            return;
        }
        if (!operator.interactive()) {
            throw new BulletinException(ExitCode.USAGE, t("send.noConfirmation", plan.toSend()), t("send.noConfirmation.hint"));
        }
        if (!operator.confirm(plan)) {
            throw new BulletinException(ExitCode.TEMPORARY_FAILURE, t("send.notConfirmed"), t("send.notConfirmed.hint"));
        }
    }

    private SendSummary dryRun(Campaign campaign, SendPlan plan) {
        int[] rendered = {0};
        campaign.audience().stream(person -> {
            MimeMessage message = campaign.build(person, campaign.renderer().render(campaign.news(), person));
            rendered[0] += message != null ? 1 : 0;
        });
        return new SendSummary(SendMode.DRY_RUN, campaign.name(), 0, List.of(), List.of(), plan.alreadySent(),
                plan.failedBefore(), plan.audience().suppressed(), invalidRows(plan.audience()), 0, Optional.empty(), Optional.empty(),
                Optional.empty(), 0, rendered[0]);
    }

    private SendSummary sendTest(Campaign campaign, SendRequest request, Operator operator) {
        String to = request.testTo().orElseThrow();
        try {
            Addresses.parse(to);
        } catch (InvalidAddressException e) {
            throw new BulletinException(ExitCode.USAGE, "--test-to: " + e.getMessage(), t("send.testTo.hint"));
        }
        List<Recipient> first = new ArrayList<>(1);
        campaign.audience().stream(person -> {
            if (first.isEmpty()) {
                first.add(person);
            }
        });
        Recipient model = first.isEmpty()
                ? new Recipient(to, "", "test", Map.of()) : first.get(0);
        RenderedMessage rendered = campaign.renderer().render(campaign.news(), model);
        RenderedMessage test = new RenderedMessage("[TEST] " + rendered.subject(), rendered.html(), rendered.text());
        MimeMessage message = campaign.build(new Recipient(to, "", model.list(), model.fields()), test);
        operator.info(t("send.test", model.email(), to, campaign.smtp().describe()));
        Tally tally = new Tally();
        Optional<Path> sandboxDir = Optional.empty();
        int saved = 0;
        Optional<char[]> password = campaign.smtp().isSandbox() ? Optional.empty()
                : Passwords.smtp(campaign.smtp(), request.env(), prompt(operator));
        try (Session session = Session.open(campaign, request, operator, password)) {
            Delivery delivery = session.connection().send(message);
            tally.count(delivery, to, model.list());
            if (session.sandbox().isPresent()) {
                sandboxDir = Optional.of(campaign.sandboxDir());
                saved = session.sandbox().get().saveReceived(campaign.sandboxDir(), "test-");
            }
        }
        return new SendSummary(SendMode.TEST, campaign.name(), tally.sent, tally.failed, tally.deferred, 0, 0, 0, 0, 0,
                Optional.empty(), Optional.empty(), sandboxDir, saved, 1);
    }

    private SendSummary deliver(Campaign campaign, SendRequest request, Operator operator, SendPlan plan,
                                JournalState journalState, Optional<char[]> password) {
        SendSettings pace = campaign.pace();
        Tally tally = new Tally();
        Optional<Path> sandboxDir = Optional.empty();
        int saved = 0;
        try (Session session = Session.open(campaign, request, operator, password);
             Journal journal = Journal.open(campaign.journalPath())) {
            Run run = new Run(campaign, session, journal, journalState, operator, tally, pace, request.limit().orElse(-1),
                    request.retryFailed(), plan.thisRun(), request.maxTime());
            try {
                AudienceReport report = campaign.audience().stream(run::offer);
                if (report.hasUnreadableList() || report.suppressionUnreadable()) {
                    tally.stopReason = Optional.of(t("stop.listUnreadable", String.join(", ",
                            report.problems().stream().map(p -> p.file().getFileName().toString()).distinct().toList())));
                }
            } finally {
                if (session.sandbox().isPresent()) {
                    sandboxDir = Optional.of(campaign.sandboxDir());
                    saved = session.sandbox().get().saveReceived(campaign.sandboxDir(), "");
                }
            }
        }
        SendSummary summary = summary(campaign, plan, tally, Optional.of(campaign.journalPath()), sandboxDir, saved);
        if (!pace.reportTo().isEmpty()) {
            mailReport(campaign, request, operator, summary, password);
        }
        return summary;
    }

    /** The run report, through the same server; a report that cannot go is a warning, never a lost send. */
    private void mailReport(Campaign campaign, SendRequest request, Operator operator, SendSummary summary,
                            Optional<char[]> password) {
        Operator.RunReport report = operator.report(summary);
        ReportMailer.mail(campaign.smtp(), campaign.settings(), campaign.pace().reportTo(), report.subject(),
                report.text(), password, campaign.sandboxDir(), clock, operator::warning);
    }

    private static SendSummary summary(Campaign campaign, SendPlan plan, Tally tally, Optional<Path> journal,
                                       Optional<Path> sandboxDir, int saved) {
        return new SendSummary(SendMode.SEND, campaign.name(), tally.sent, tally.failed, tally.deferred,
                tally.skipped, tally.failedBefore, plan.audience().suppressed(), invalidRows(plan.audience()),
                tally.left, tally.stopReason, journal.or(() -> Optional.of(campaign.journalPath())), sandboxDir, saved,
                tally.sent + tally.failed.size() + tally.deferred.size());
    }

    private static int invalidRows(AudienceReport report) {
        return report.lists().stream().mapToInt(ListCount::invalid).sum();
    }

    /** Counts of a run, and the failures and deferrals with their replies. */
    private static final class Tally {
        int sent;
        int skipped;
        int failedBefore;
        int left;
        final List<SendSummary.Outcome> failed = new ArrayList<>();
        final List<SendSummary.Outcome> deferred = new ArrayList<>();
        Optional<String> stopReason = Optional.empty();

        void count(Delivery delivery, String email, String list) {
            switch (delivery.status()) {
                case SENT -> sent++;
                case FAILED -> failed.add(new SendSummary.Outcome(email, list, delivery.reply()));
                case DEFERRED -> deferred.add(new SendSummary.Outcome(email, list, delivery.reply()));
            }
        }
    }

    /** One pass over the audience, sending to each person the journal does not hold as sent. */
    private final class Run {
        private final Campaign campaign;
        private final Session session;
        private final Journal journal;
        private final JournalState state;
        private final Operator operator;
        private final Tally tally;
        private final SendSettings pace;
        private final int limit;
        private final boolean retryFailed;
        private final Set<String> handled = new HashSet<>();
        private int notSentInARow;
        private int refusedMessagesInARow;
        private final int total;
        private final Optional<Instant> deadline;
        private final Optional<Duration> maxTime;
        private Instant nextSlot;
        private int handedOver;

        Run(Campaign campaign, Session session, Journal journal, JournalState state, Operator operator, Tally tally,
            SendSettings pace, int limit, boolean retryFailed, int total, Optional<Duration> maxTime) {
            this.campaign = campaign;
            this.session = session;
            this.journal = journal;
            this.state = state;
            this.operator = operator;
            this.tally = tally;
            this.pace = pace;
            this.limit = limit;
            this.retryFailed = retryFailed;
            this.total = total;
            this.maxTime = maxTime;
            this.deadline = maxTime.map(clock.instant()::plus);
            this.nextSlot = clock.instant();
        }

        void offer(Recipient person) {
            if (state.wasSent(person.email()) || !handled.add(Addresses.normalise(person.email()))) {
                tally.skipped++;
                return;
            }
            if (!retryFailed && state.lastStatus(person.email()).filter(s -> s == Status.FAILED).isPresent()) {
                tally.failedBefore++;
                return;
            }
            if (tally.stopReason.isEmpty()) {
                checkTimeAndQuota();
            }
            if (tally.stopReason.isPresent() || (limit >= 0 && handedOver >= limit)) {
                tally.left++;
                return;
            }
            waitForSlot();
            checkTimeAndQuota();
            if (tally.stopReason.isPresent()) {
                tally.left++;
                return;
            }
            MimeMessage message = campaign.build(person, campaign.renderer().render(campaign.news(), person));
            handedOver++;
            Delivery delivery = deliver(message);
            if (delivery.stage() == Delivery.Stage.SENDER) {
                // About the account, not this person: stop, and leave them (and the rest) for the next run.
                tally.left++;
                tally.stopReason = Optional.of(t("stop.sender", campaign.settings().sender().email(), delivery.reply()));
                return;
            }
            JournalRow row = new JournalRow(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), campaign.name(), person.list(), person.email(),
                    delivery.status(), delivery.reply(), messageId(message), campaign.contentHash());
            try {
                journal.append(row);
            } catch (Journal.JournalWriteException e) {
                throw new Journal.JournalWriteException(e, t("journal.unrecorded", person.email(),
                        t("status." + delivery.status().label()), delivery.reply()));
            }
            state.record(row);
            pace.quota().record(row.time());
            tally.count(delivery, person.email(), person.list());
            if (delivery.status() != Status.SENT) {
                operator.warning(t("send.outcome", t("status." + delivery.status().label()), person.email(),
                        person.list(), delivery.reply()));
            }
            watchForAServerThatRefusesEverything(delivery);
            operator.progress(handedOver, total);
        }

        /** Stops cleanly at --max-time, or when the account's quota is used up (and says when to go on). */
        private void checkTimeAndQuota() {
            Instant now = clock.instant();
            if (deadline.isPresent() && !now.isBefore(deadline.get())) {
                tally.stopReason = Optional.of(t("stop.maxTime", format(maxTime.get())));
                return;
            }
            Optional<Instant> next = pace.quota().nextAllowed(now);
            if (next.isPresent() && Duration.between(now, next.get()).compareTo(QUOTA_WAIT) <= 0 && pause(
                    Duration.between(now, next.get()))) {
                // A daily cron at a fixed hour finds yesterday's first messages a few seconds short of 24 h.
                now = clock.instant();
                next = pace.quota().nextAllowed(now);
            }
            next.ifPresent(when -> tally.stopReason = Optional.of(t("stop.quota", pace.quota().describe(),
                    when.atZone(clock.getZone()).toLocalDateTime().withNano(0).format(MINUTE))));
        }

        /**
         * A server that defers everything (rate limiting, an outage) or refuses the message itself (content)
         * would otherwise cost every remaining person their retries or a failure: stop and leave them for later.
         */
        private void watchForAServerThatRefusesEverything(Delivery delivery) {
            notSentInARow = delivery.status() == Status.SENT ? 0 : notSentInARow + 1;
            refusedMessagesInARow = delivery.stage() == Delivery.Stage.MESSAGE && delivery.status() == Status.FAILED
                    ? refusedMessagesInARow + 1 : 0;
            if (refusedMessagesInARow >= REFUSED_MESSAGES_BEFORE_STOP) {
                tally.stopReason = Optional.of(t("stop.messageRefused", refusedMessagesInARow, delivery.reply()));
            } else if (notSentInARow >= NOT_SENT_BEFORE_STOP) {
                tally.stopReason = Optional.of(t("stop.notTaken", notSentInARow, delivery.reply()));
            }
        }

        /** Tries, re-connecting when the connection was lost, waiting longer after each "later". */
        private Delivery deliver(MimeMessage message) {
            Delivery last = null;
            Duration wait = pace.retryDelay();
            for (int attempt = 1; attempt <= pace.tries(); attempt++) {
                if (attempt > 1) {
                    if (!pause(wait)) {
                        break;
                    }
                    wait = wait.multipliedBy(2);
                }
                if (!session.ready()) {
                    Optional<String> failure = session.reconnect();
                    if (failure.isPresent()) {
                        tally.stopReason = Optional.of(t("stop.unreachable", failure.get()));
                        return new Delivery(Status.DEFERRED, t("delivery.notSent", failure.get()), true,
                                Delivery.Stage.CONNECTION);
                    }
                }
                last = session.connection().send(message);
                if (last.connectionLost()) {
                    session.lost();
                }
                if (last.status() != Status.DEFERRED || last.stage() == Delivery.Stage.UNCERTAIN) {
                    return last;
                }
            }
            return last;
        }

        private void waitForSlot() {
            Instant now = clock.instant();
            if (now.isBefore(nextSlot) && !pause(Duration.between(now, nextSlot))) {
                return;
            }
            now = clock.instant();
            nextSlot = (now.isAfter(nextSlot) ? now : nextSlot).plus(pace.interval());
        }

        /** Waits, unless that would pass --max-time: then the run stops instead. */
        private boolean pause(Duration duration) {
            if (deadline.isPresent() && clock.instant().plus(duration).isAfter(deadline.get())) {
                tally.stopReason = Optional.of(t("stop.maxTime", format(maxTime.get())));
                return false;
            }
            try {
                sleeper.sleep(duration);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tally.stopReason = Optional.of(t("stop.interrupted"));
                return false;
            }
        }

    }

    /** 50m, 2h, 90s. */
    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0 && seconds > 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0 && seconds > 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /** The operator's password prompt, when a person is there to answer it. */
    private static Passwords.Prompt prompt(Operator operator) {
        return question -> operator.interactive() ? operator.password(question) : Optional.empty();
    }

    private static String messageId(MimeMessage message) {
        try {
            return Optional.ofNullable(message.getMessageID()).orElse("");
        } catch (MessagingException e) {
            return "";
        }
    }

    /** Everything a send needs, read once from the workspace. */
    private record Campaign(String name, MonthOfNews news, BulletinSettings settings, SendSettings pace,
                            SmtpSettings smtp, Audience audience, BulletinRenderer renderer, MessageBuilder builder,
                            String contentHash, Path journalPath, Path sandboxDir) {

        static Campaign prepare(SendRequest request, Clock clock) {
            Workspace workspace = request.workspace();
            Settings file = Settings.load(workspace.settingsFile());
            BulletinSettings settings = BulletinSettings.from(file);
            SmtpSettings smtp = SmtpSettings.resolve(file, request.env(), request.smtp());
            MonthOfNews news = new NewsFolder(workspace.newsDir()).select(request.month());
            String name = request.campaign().orElse(news.month().toString());
            return new Campaign(name, news, settings, SendSettings.from(file), smtp,
                    Audience.of(new RecipientsFolder(workspace.recipientsDir()), request.lists()),
                    new BulletinRenderer(new Templates(workspace.templatesDir()), settings),
                    MessageBuilder.forWorkspace(workspace, settings, request.attach(), clock),
                    ContentHash.of(news, workspace.templatesDir(), settings),
                    JournalFile.of(workspace, smtp.isSandbox(), name),
                    workspace.outDir().resolve("sandbox").resolve(name));
        }

        MimeMessage build(Recipient person, RenderedMessage rendered) {
            return builder.build(rendered, person, name);
        }
    }

    /** The SMTP session of a run (and the sandbox server behind it, if used); re-made when lost. */
    private static final class Session implements AutoCloseable {
        private final Optional<Sandbox> sandbox;
        private final SmtpConnection connection;
        private boolean ready;

        private Session(Optional<Sandbox> sandbox, SmtpConnection connection) {
            this.sandbox = sandbox;
            this.connection = connection;
        }

        static Session open(Campaign campaign, SendRequest request, Operator operator, Optional<char[]> password) {
            Optional<Sandbox> sandbox = campaign.smtp().isSandbox() ? Optional.of(Sandbox.start()) : Optional.empty();
            SmtpSettings smtp = sandbox.map(box -> box.settings(campaign.smtp())).orElse(campaign.smtp());
            try {
                SmtpConnection connection = new SmtpConnection(smtp, campaign.settings().sender().email(), password,
                        request.debugSmtp() ? operator.smtpDebug() : Optional.empty());
                Session session = new Session(sandbox, connection);
                try {
                    connection.connect();
                } catch (BulletinException e) {
                    throw new BulletinException(e.exitCode(), t("send.nothingSent", e.getMessage()),
                            e.hint().orElse(null), e);
                }
                session.ready = true;
                return session;
            } catch (RuntimeException e) {
                sandbox.ifPresent(Sandbox::close);
                throw e;
            }
        }

        Optional<Sandbox> sandbox() {
            return sandbox;
        }

        SmtpConnection connection() {
            return connection;
        }

        boolean ready() {
            return ready;
        }

        void lost() {
            ready = false;
            connection.close();
        }

        /** Connects again; the reason when the server cannot be reached. */
        Optional<String> reconnect() {
            try {
                connection.close();
                connection.connect();
                ready = true;
                return Optional.empty();
            } catch (BulletinException e) {
                return Optional.of(e.getMessage());
            }
        }

        @Override
        public void close() {
            connection.close();
            sandbox.ifPresent(Sandbox::close);
        }
    }
}
