package org.imrap.bulletin.send;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.compose.ReportMailer;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.SiteLayout;
import org.imrap.bulletin.config.Passwords;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.journal.EmptyMonth;
import org.imrap.bulletin.journal.Journal;
import org.imrap.bulletin.journal.JournalFile;
import org.imrap.bulletin.journal.JournalState;
import org.imrap.bulletin.journal.RunLock;
import org.imrap.bulletin.address.Addresses;
import org.imrap.bulletin.mail.Delivery;
import org.imrap.bulletin.mail.Login;
import org.imrap.bulletin.mail.MessageBuilder;
import org.imrap.bulletin.address.InvalidAddressException;
import org.imrap.bulletin.mail.Sandbox;
import org.imrap.bulletin.mail.SmtpConnection;
import org.imrap.bulletin.mail.Status;
import org.imrap.bulletin.news.NoNewsException;
import org.imrap.bulletin.oauth.Logins;
import org.imrap.bulletin.recipients.AudienceReport;
import org.imrap.bulletin.recipients.ListCount;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.recipients.RecipientsFolder;
import org.imrap.bulletin.render.RenderedMessage;

/**
 * Sends a month's bulletin to its audience, each person exactly once per campaign: the journal is
 * read first and everyone it holds as sent is skipped; each outcome is on disk before the next
 * message is handed to the server; {@code send.connections} SMTP sessions (one by default) are each
 * reused, re-made after a 421 or a broken connection; a "later" (4xx) is retried with growing waits,
 * then left deferred for the next run. The pass itself is a {@link Run}.
 */
public final class SendService {
    /** Waits between tries and for the rate limit; tests replace it. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final java.time.format.DateTimeFormatter MINUTE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Clock clock;
    private final Sleeper sleeper;

    public SendService(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public SendSummary send(SendRequest request, Operator operator) {
        Campaign campaign;
        try {
            campaign = Campaign.prepare(request, clock);
        } catch (NoNewsException e) {
            return noNews(request, e);
        }
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
            // The password, or a fresh OAuth2 token: a sign-in revoked since the last run stops here (77), nothing sent.
            Optional<Login> login = login(campaign, request, operator);
            return deliver(campaign, request, operator, plan, journal, login);
        }
    }

    /**
     * A month without news: the first send for it says so (exit 66, so that cron mails the person who
     * can add them); every later one prints one line and exits 0, instead of a mail a day all month.
     */
    private SendSummary noNews(SendRequest request, NoNewsException e) {
        if (request.mode() != SendMode.SEND || request.month().isEmpty()) {
            throw e;
        }
        YearMonth month = request.month().get();
        boolean sandbox = SmtpSettings.resolve(Settings.load(request.workspace().settingsFile()), request.env(),
                request.smtp()).isSandbox();
        Optional<Instant> reported = new EmptyMonth(JournalFile.dir(request.workspace(), sandbox), month).report(clock);
        if (reported.isEmpty()) {
            throw new BulletinException(ExitCode.NO_INPUT, e.getMessage(),
                    e.hint().map(hint -> hint + "; ").orElse("") + t("news.noneInMonth.once", month), e);
        }
        return SendSummary.noNewsAgain(month, reported.get());
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
        long htmlBytes = 0;
        for (Recipient person : firstOfList.values()) {
            RenderedMessage rendered = campaign.renderer().render(campaign.news(), person);
            if (subject.isEmpty()) {
                subject = rendered.subject();
                messageBytes = size(campaign.build(person, rendered));
                htmlBytes = campaign.builder().htmlBytes(rendered.html());
            }
        }
        int toSend = report.reached() - alreadySent[0] - failedBefore[0];
        if (toSend > 0) {
            // Once everyone has it, a typo fixed afterwards concerns nobody: the run says there is nothing to send.
            checkUnchanged(journal, campaign.contentHash(), request.allowChanged());
        }
        SendSettings pace = campaign.pace();
        Optional<Integer> quotaLeft = pace.quota().load(campaign.journalPath().getParent(), clock.instant())
                .leftNow(clock.instant());
        // What frees up within the few minutes a run waits for the quota counts for this run too.
        int quotaSoon = pace.quota().leftNow(clock.instant().plus(Run.QUOTA_WAIT)).orElse(Integer.MAX_VALUE);
        int thisRun = Math.min(toSend, Math.min(request.limit().orElse(Integer.MAX_VALUE), quotaSoon));
        Optional<Duration> estimate = pace.ratePerMinute() > 0
                ? Optional.of(pace.interval().multipliedBy(Math.max(0, thisRun - 1))) : Optional.empty();
        List<String> warnings = new ArrayList<>(campaign.builder().warnings());
        // Gmail clips a message whose HTML passes about 102 KB; the images it carries do not count.
        if (htmlBytes > MessageBuilder.GMAIL_CLIPS) {
            warnings.add(t("plan.htmlClipped", MessageBuilder.kilobytes(htmlBytes)));
        }
        YearMonth month = campaign.news().month();
        campaign.settings().archive().pageUrl(month).ifPresent(url -> {
            Path page = SiteLayout.page(request.workspace(), month);
            if (!java.nio.file.Files.isRegularFile(page)) {
                warnings.add(t("plan.archiveMissing", url, request.workspace().root().relativize(page), month));
            }
        });
        return new SendPlan(request.mode(), campaign.name(), subject, campaign.smtp().describe(),
                campaign.smtp().isSandbox(), campaign.settings().sender().email(), report, alreadySent[0],
                failedBefore[0], toSend, request.limit(), campaign.journalPath(), messageBytes, pace.quota().describe(),
                quotaLeft, pace.ratePerMinute(), Math.min(pace.connections(), thisRun), pace.autoConnections(), thisRun,
                estimate, warnings,
                campaign.builder().attachments(), campaign.news().notices());
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
            throw new BulletinException(ExitCode.DATA_ERROR, org.imrap.bulletin.Text.count(earlier, "send.changed"), t("send.changed.hint"));
        }
    }

    private void confirm(Campaign campaign, SendRequest request, Operator operator, SendPlan plan) {
        if (campaign.smtp().isSandbox() || request.confirmed()) {
            return;
        }
        if (!operator.interactive()) {
            throw new BulletinException(ExitCode.USAGE, t("send.noConfirmation", org.imrap.bulletin.Text.count(plan.toSend(), "count.person")), t("send.noConfirmation.hint"));
        }
        if (!operator.confirm(plan)) {
            throw new BulletinException(ExitCode.TEMPORARY_FAILURE, t("send.notConfirmed"), t("send.notConfirmed.hint"));
        }
    }

    private SendSummary dryRun(Campaign campaign, SendPlan plan) {
        int[] rendered = {0};
        campaign.audience().stream(person -> {
            MimeMessage message = campaign.messageFor(person);
            rendered[0] += message != null ? 1 : 0;
        });
        return new SendSummary(SendMode.DRY_RUN, campaign.name(), 0, List.of(), List.of(), plan.alreadySent(),
                plan.failedBefore(), plan.audience().suppressed(), invalidRows(plan.audience()), 0, Optional.empty(), Optional.empty(),
                Optional.empty(), 0, rendered[0], Optional.empty(), Optional.empty());
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
        Optional<Login> login = login(campaign, request, operator);
        Optional<Sandbox> sandbox = campaign.smtp().isSandbox()
                ? Optional.of(Sandbox.start(campaign.sandboxDir(), "test-")) : Optional.empty();
        try (Courier courier = Courier.open(1, connections(campaign, request, operator, login, sandbox),
                operator::warning).get(0)) {
            Delivery delivery = courier.connection().send(message);
            tally.count(delivery, to, model.list());
            if (sandbox.isPresent()) {
                sandboxDir = Optional.of(campaign.sandboxDir());
                saved = sandbox.get().saved();
            }
        } finally {
            sandbox.ifPresent(Sandbox::close);
        }
        return new SendSummary(SendMode.TEST, campaign.name(), tally.sent, tally.failed, tally.deferred, 0, 0, 0, 0, 0,
                Optional.empty(), Optional.empty(), sandboxDir, saved, 1, Optional.empty(), Optional.empty());
    }

    private SendSummary deliver(Campaign campaign, SendRequest request, Operator operator, SendPlan plan,
                                JournalState journalState, Optional<Login> login) {
        SendSettings pace = campaign.pace();
        Tally tally = new Tally();
        Optional<Path> sandboxDir = Optional.empty();
        int saved = 0;
        Optional<Sandbox> sandbox = campaign.smtp().isSandbox()
                ? Optional.of(Sandbox.start(campaign.sandboxDir(), "")) : Optional.empty();
        List<Courier> couriers = new ArrayList<>();
        try {
            // Connected first: a server that cannot be reached leaves no journal behind.
            Courier.ConnectionFactory factory = connections(campaign, request, operator, login, sandbox);
            // auto starts with one and opens more while they raise the rate (ConnectionGrowth).
            couriers.addAll(Courier.open(pace.autoConnections() ? 1 : plan.connections(), factory, operator::warning));
            chooseTextEncoding(campaign, couriers.get(0));
            try (Journal journal = Journal.open(campaign.journalPath());
                 Run run = new Run(campaign, couriers, pace.autoConnections() ? Optional.of(factory) : Optional.empty(),
                         journal, journalState, operator, tally, clock, sleeper, request, plan.thisRun())) {
                AudienceReport report = campaign.audience().stream(run::offer);
                run.finish();
                if (report.hasUnreadableList() || report.suppressionUnreadable()) {
                    tally.stopReason = Optional.of(t("stop.listUnreadable", String.join(", ",
                            report.problems().stream().map(p -> p.file().getFileName().toString()).distinct().toList())));
                }
            }
        } finally {
            couriers.forEach(Courier::close);
            if (sandbox.isPresent()) {
                sandboxDir = Optional.of(campaign.sandboxDir());
                saved = sandbox.get().saved();
                sandbox.get().close();
            }
        }
        SendSummary summary = summary(campaign, plan, tally, Optional.of(campaign.journalPath()), sandboxDir, saved);
        if (!pace.reportTo().isEmpty()) {
            mailReport(campaign, request, operator, summary, login);
        }
        return summary;
    }

    /** 8-bit text and HTML for a server that offers 8BITMIME (RFC 6152): a third fewer bytes for French. */
    private static void chooseTextEncoding(Campaign campaign, Courier courier) {
        campaign.builder().textEncoding(courier.connection().offers("8BITMIME")
                ? MessageBuilder.TextEncoding.EIGHT_BIT : MessageBuilder.TextEncoding.QUOTED_PRINTABLE);
    }

    /** The run report, through the same server; a report that cannot go is a warning, never a lost send. */
    private void mailReport(Campaign campaign, SendRequest request, Operator operator, SendSummary summary,
                            Optional<Login> login) {
        Operator.RunReport report = operator.report(summary);
        ReportMailer.mail(campaign.smtp(), campaign.settings(), campaign.pace().reportTo(), report.subject(),
                report.text(), login, campaign.sandboxDir(), clock, operator::warning);
    }

    private static SendSummary summary(Campaign campaign, SendPlan plan, Tally tally, Optional<Path> journal,
                                       Optional<Path> sandboxDir, int saved) {
        return new SendSummary(SendMode.SEND, campaign.name(), tally.sent, tally.failed, tally.deferred,
                tally.skipped, tally.failedBefore, plan.audience().suppressed(), invalidRows(plan.audience()),
                tally.left, tally.stopReason, journal.or(() -> Optional.of(campaign.journalPath())), sandboxDir, saved,
                tally.outcomes(), Optional.empty(), tally.connections);
    }

    private static int invalidRows(AudienceReport report) {
        return report.lists().stream().mapToInt(ListCount::invalid).sum();
    }

    /** 50m, 2h, 90s: as --max-time reads it back. */
    static String format(Duration duration) {
        return org.imrap.bulletin.DurationText.format(duration);
    }

    /** New connections to the run's server (the sandbox, when there is one). */
    private static Courier.ConnectionFactory connections(Campaign campaign, SendRequest request, Operator operator,
                                                         Optional<Login> login, Optional<Sandbox> sandbox) {
        SmtpSettings smtp = sandbox.map(box -> box.settings(campaign.smtp())).orElse(campaign.smtp());
        Courier.ConnectionFactory factory = Courier.to(smtp, campaign.settings().sender().email(),
                sandbox.isPresent() ? Optional.empty() : login,
                request.debugSmtp() ? operator.smtpDebug() : Optional.empty());
        return () -> {
            SmtpConnection connection = factory.create();
            sandbox.ifPresent(box -> connection.afterEachMessage(box::checkSaved));
            return connection;
        };
    }

    /** The password or the OAuth2 access token for the run's server; none for the sandbox. */
    private Optional<Login> login(Campaign campaign, SendRequest request, Operator operator) {
        return Logins.smtp(campaign.smtp(), campaign.file(), request.env(), prompt(operator), clock);
    }

    /** The operator's password prompt, when a person is there to answer it. */
    private static Passwords.Prompt prompt(Operator operator) {
        return question -> operator.interactive() ? operator.password(question) : Optional.empty();
    }
}
