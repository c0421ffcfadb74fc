package org.imrap.bulletin.send;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.compose.ReportMailer;
import org.imrap.bulletin.ExitCode;
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
import org.imrap.bulletin.news.NoNewsException;
import org.imrap.bulletin.oauth.Logins;
import org.imrap.bulletin.recipients.AudienceReport;
import org.imrap.bulletin.recipients.ListCount;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.render.RenderedMessage;

/**
 * Sends a month's bulletin to its audience, each person exactly once per campaign: the journal is
 * read first and everyone it holds as sent is skipped; each outcome is on disk before the next
 * message is handed to the server; {@code send.connections} SMTP sessions (one by default) are each
 * reused, re-made after a 421 or a broken connection; a "later" (4xx) is retried with growing waits,
 * then left deferred for the next run. The pass itself is a {@link Dispatcher}'s.
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
            SendPlan plan = SendPlanner.plan(campaign, request, JournalState.read(campaign.journalPath()), quotaUsed(campaign), clock);
            operator.plan(plan);
            return dryRun(campaign, plan);
        }
        // The lock comes first: the plan, the question and the sending all see one journal.
        try (RunLock lock = RunLock.acquire(RunLock.Kind.SEND, campaign.journalPath().getParent(), operator::warning)) {
            JournalState journal = JournalState.read(campaign.journalPath());
            Quota.Usage quotaUsed = quotaUsed(campaign);
            SendPlan plan = SendPlanner.plan(campaign, request, journal, quotaUsed, clock);
            if (plan.toSend() == 0) {
                // The daily cron job's usual day: one line, nothing else.
                return summary(campaign, plan).skipped(plan.alreadySent()).failedBefore(plan.failedBefore()).build();
            }
            operator.plan(plan);
            if (plan.thisRun() == 0) {
                // The quota lets nothing go now: say when, without asking, connecting or logging in.
                Optional<String> stopReason = quotaUsed.nextAllowed(clock.instant()).map(when -> t("stop.quota",
                        quotaUsed.describe(), when.atZone(clock.getZone()).toLocalDateTime().withNano(0).format(MINUTE)));
                return summary(campaign, plan).skipped(plan.alreadySent()).failedBefore(plan.failedBefore())
                        .left(plan.toSend()).stopReason(stopReason).build();
            }
            confirm(campaign, request, operator, plan);
            // The password, or a fresh OAuth2 token: a sign-in revoked since the last run stops here (77), nothing sent.
            Optional<Login> login = login(campaign, request, operator);
            return deliver(campaign, request, operator, plan, journal, quotaUsed, login);
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

    /** What the journals say the quota has used so far (read again for each run: the run adds to it). */
    private Quota.Usage quotaUsed(Campaign campaign) {
        return campaign.sending().quota().readUsage(campaign.journalPath().getParent(), clock.instant());
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

    /** Renders and builds every message, as a send would, and sends none. */
    private SendSummary dryRun(Campaign campaign, SendPlan plan) {
        // Each person the audience reaches has their message built (or the run stops on what prevents it).
        AudienceReport built = campaign.audience().read(campaign::messageFor);
        return SendSummary.builder(SendMode.DRY_RUN, campaign.name())
                .skipped(plan.alreadySent())
                .failedBefore(plan.failedBefore())
                .suppressed(plan.audience().suppressed())
                .invalidRows(invalidRows(plan.audience()))
                .rendered(built.reached())
                .build();
    }

    private SendSummary sendTest(Campaign campaign, SendRequest request, Operator operator) {
        String to = request.testTo().orElseThrow();
        try {
            Addresses.parse(to);
        } catch (InvalidAddressException e) {
            throw new BulletinException(ExitCode.USAGE, "--test-to: " + e.getMessage(), t("send.testTo.hint"));
        }
        List<Recipient> first = new ArrayList<>(1);
        campaign.audience().read(person -> {
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
        SendSummary.Builder summary = SendSummary.builder(SendMode.TEST, campaign.name()).rendered(1);
        Optional<Login> login = login(campaign, request, operator);
        Optional<Sandbox> sandbox = campaign.smtp().isSandbox()
                ? Optional.of(Sandbox.start(campaign.sandboxDir(), "test-")) : Optional.empty();
        try (Courier courier = Courier.open(1, connections(campaign, request, operator, login, sandbox),
                operator::warning).get(0)) {
            Delivery delivery = courier.connection().send(message);
            List<SendSummary.Outcome> outcome = List.of(new SendSummary.Outcome(to, model.list(), delivery.reply()));
            switch (delivery.status()) {
                case SENT -> summary.sent(1);
                case FAILED -> summary.failed(outcome);
                case DEFERRED -> summary.deferred(outcome);
            }
            sandbox.ifPresent(box -> summary.sandbox(campaign.sandboxDir(), box.saved()));
        } finally {
            sandbox.ifPresent(Sandbox::close);
        }
        return summary.build();
    }

    private SendSummary deliver(Campaign campaign, SendRequest request, Operator operator, SendPlan plan,
                                JournalState journalState, Quota.Usage quotaUsed, Optional<Login> login) {
        SendSettings sending = campaign.sending();
        RunLedger ledger = new RunLedger(operator, plan.thisRun());
        SendSummary.Builder summary = summary(campaign, plan);
        Optional<Sandbox> sandbox = campaign.smtp().isSandbox()
                ? Optional.of(Sandbox.start(campaign.sandboxDir(), "")) : Optional.empty();
        List<Courier> couriers = new ArrayList<>();
        try {
            // Connected first: a server that cannot be reached leaves no journal behind.
            Courier.ConnectionFactory factory = connections(campaign, request, operator, login, sandbox);
            // auto starts with one and opens more while they raise the rate (ConnectionGrowth).
            couriers.addAll(Courier.open(sending.autoConnections() ? 1 : plan.connections(), factory, operator::warning));
            chooseTextEncoding(campaign, couriers.get(0));
            Timekeeper time = new Timekeeper(clock, sleeper, ledger, request.maxTime());
            try (Journal journal = Journal.open(campaign.journalPath());
                 Dispatcher run = new Dispatcher(campaign, couriers,
                         sending.autoConnections() ? Optional.of(factory) : Optional.empty(), journal, journalState,
                         quotaUsed, ledger, operator, time, request, plan.thisRun())) {
                AudienceReport report = campaign.audience().read(run::offer);
                run.finish();
                if (report.hasUnreadableList() || report.suppressionUnreadable()) {
                    ledger.listsUnreadable(t("stop.listUnreadable", String.join(", ",
                            report.problems().stream().map(p -> p.file().getFileName().toString()).distinct().toList())));
                }
            }
        } finally {
            couriers.forEach(Courier::close);
            if (sandbox.isPresent()) {
                summary.sandbox(campaign.sandboxDir(), sandbox.get().saved());
                sandbox.get().close();
            }
        }
        SendSummary done = ledger.into(summary).build();
        if (!sending.reportTo().isEmpty()) {
            mailReport(campaign, request, operator, done, login);
        }
        return done;
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
        ReportMailer.mail(campaign.smtp(), campaign.settings(), campaign.sending().reportTo(), report.subject(),
                report.text(), login, campaign.sandboxDir(), clock, operator::warning);
    }

    /** A real send's summary, with what the plan found; the run's counts are added to it. */
    private static SendSummary.Builder summary(Campaign campaign, SendPlan plan) {
        return SendSummary.builder(SendMode.SEND, campaign.name())
                .suppressed(plan.audience().suppressed())
                .invalidRows(invalidRows(plan.audience()))
                .journal(campaign.journalPath());
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
