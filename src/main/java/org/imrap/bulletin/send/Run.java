package org.imrap.bulletin.send;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.imrap.bulletin.journal.Journal;
import org.imrap.bulletin.journal.JournalRow;
import org.imrap.bulletin.journal.JournalState;
import org.imrap.bulletin.mail.Delivery;
import org.imrap.bulletin.mail.Status;
import org.imrap.bulletin.recipients.Recipient;

/**
 * One pass over the audience. The caller's thread {@link #offer offers} each person in list order and
 * decides who goes now (not sent before, within --limit, --max-time, the rate and the quota); the
 * connections ({@link Courier}) send. With one connection the caller's thread sends too; with more,
 * each connection has a thread of its own and takes the next person from a short queue. Counts,
 * stop reasons and the operator are shared and guarded by this object's lock.
 *
 * <p>(Building the next message on the caller's thread while one connection's thread sends was
 * measured: no faster on two cores, where bulletin, the journal's fsyncs and a local server already
 * use both.)
 */
final class Run implements AutoCloseable {
    /** Messages in a row the server does not take before the run stops (the rest wait for the next run). */
    static final int NOT_SENT_BEFORE_STOP = 10;
    /** Messages in a row refused after DATA (the content, not the person) before the run stops. */
    static final int REFUSED_MESSAGES_BEFORE_STOP = 3;
    /** How long a run waits for the quota to let the next message go before leaving it to the next run. */
    static final Duration QUOTA_WAIT = Duration.ofMinutes(15);
    /** How long a connection's thread waits for the next person before it reads the last reply on its own. */
    private static final Duration IDLE_BEFORE_SETTLING = Duration.ofMillis(50);
    private static final Recipient NO_MORE = new Recipient("", "", "", java.util.Map.of());
    /** Tells the connection's thread that takes it to close its connection and end (auto gives one back). */
    private static final Recipient RETIRE = new Recipient("", "", "", java.util.Map.of());

    private final Campaign campaign;
    private final Journal journal;
    private final JournalState state;
    private final Operator operator;
    private final Tally tally;
    private final SendSettings pace;
    private final Clock clock;
    private final SendService.Sleeper sleeper;
    private final int limit;
    private final boolean retryFailed;
    private final int total;
    private final Optional<Instant> deadline;
    private final Optional<Duration> maxTime;
    private final List<Courier> couriers;
    /** With send.connections=auto: how many, and how to open more. */
    private final Optional<ConnectionGrowth> growth;
    private final Optional<Courier.ConnectionFactory> moreConnections;
    private final List<Thread> openers = new java.util.concurrent.CopyOnWriteArrayList<>();

    // The offering thread's own.
    private Instant nextSlot;
    private int handedOver;
    private final BlockingQueue<Recipient> queue;
    private final List<Thread> senders = new java.util.concurrent.CopyOnWriteArrayList<>();

    // Shared, guarded by this.
    private int notSentInARow;
    private int refusedMessagesInARow;
    private Throwable failure;
    private boolean halted;
    private boolean finished;

    Run(Campaign campaign, List<Courier> couriers, Journal journal, JournalState state, Operator operator, Tally tally,
        Clock clock, SendService.Sleeper sleeper, SendRequest request, int total) {
        this(campaign, couriers, Optional.empty(), journal, state, operator, tally, clock, sleeper, request, total);
    }

    /** With {@code more}: send.connections=auto, which opens more connections from it while they help. */
    Run(Campaign campaign, List<Courier> couriers, Optional<Courier.ConnectionFactory> more, Journal journal,
        JournalState state, Operator operator, Tally tally, Clock clock, SendService.Sleeper sleeper, SendRequest request,
        int total) {
        this.campaign = campaign;
        this.couriers = new java.util.concurrent.CopyOnWriteArrayList<>(couriers);
        this.moreConnections = more;
        this.growth = more.map(factory -> new ConnectionGrowth(Math.min(campaign.pace().connections(),
                Math.max(1, total)), campaign.pace().ratePerMinute()));
        this.journal = journal;
        this.state = state;
        this.operator = operator;
        this.tally = tally;
        this.pace = campaign.pace();
        this.clock = clock;
        this.sleeper = sleeper;
        this.limit = request.limit().orElse(-1);
        this.retryFailed = request.retryFailed();
        this.total = total;
        this.maxTime = request.maxTime();
        this.deadline = maxTime.map(clock.instant()::plus);
        this.nextSlot = clock.instant();
        this.queue = new ArrayBlockingQueue<>(Math.max(couriers.size(), growth.map(ConnectionGrowth::max).orElse(1)));
        for (Courier courier : couriers) {
            courier.connection().lateOutcomes(delivery -> landed(courier, delivery));
        }
        if (couriers.size() > 1 || growth.isPresent()) {
            couriers.forEach(this::startSender);
        }
    }

    private void startSender(Courier courier) {
        Thread sender = new Thread(() -> sendFromQueue(courier), "sender-" + (senders.size() + 1));
        sender.setDaemon(true);
        senders.add(sender);
        sender.start();
    }

    /** send.connections=auto: opens more connections (each on a thread of its own, all at once), or gives some back. */
    private void grow() {
        if (growth.isEmpty()) {
            return;
        }
        int outcomes;
        synchronized (this) {
            outcomes = tally.outcomes();
        }
        growth.get().roundTrip(couriers.get(0).connection().roundTrip());
        ConnectionGrowth.Step step = growth.get().next(clock.instant(), outcomes);
        if (step instanceof ConnectionGrowth.Open open) {
            for (int i = 0; i < open.count(); i++) {
                Thread opener = new Thread(this::openOneMore, "opener-" + (openers.size() + 1));
                opener.setDaemon(true);
                openers.add(opener);
                opener.start();
            }
        } else if (step instanceof ConnectionGrowth.GiveBack back) {
            for (int i = 0; i < back.count(); i++) {
                handToASender(RETIRE);
            }
        }
    }

    private void openOneMore() {
        Courier courier;
        try {
            courier = Courier.connect(moreConnections.orElseThrow());
        } catch (org.imrap.bulletin.BulletinException e) {
            growth.get().refused();
            operator.warning(t("send.fewerConnections", growth.get().open(), growth.get().max(), e.getMessage()));
            return;
        }
        courier.connection().lateOutcomes(delivery -> landed(courier, delivery));
        couriers.add(courier);
        startSender(courier);
        growth.get().opened();
    }

    /** How many connections auto ended with, and why; empty for a number set. */
    private Optional<String> connectionsNote() {
        return growth.map(g -> t("summary.connections." + g.settled().map(Enum::name).orElse("RISING"), g.open()));
    }

    /** Decides whether this person gets a message now, and if so hands them to a connection. */
    void offer(Recipient person) {
        // The audience offers each person once (Audience de-duplicates across lists).
        if (state.wasSent(person.email())) {
            synchronized (this) {
                tally.skipped++;
            }
            return;
        }
        if (!retryFailed && state.lastStatus(person.email()).filter(s -> s == Status.FAILED).isPresent()) {
            synchronized (this) {
                tally.failedBefore++;
            }
            return;
        }
        if (!stopped()) {
            checkTimeAndQuota();
        }
        if (stopped() || (limit >= 0 && handedOver >= limit)) {
            left();
            return;
        }
        waitForSlot();
        checkTimeAndQuota();
        if (stopped()) {
            left();
            return;
        }
        handedOver++;
        // Counted when handed to a connection, so that the quota holds across all of them.
        pace.quota().record(clock.instant());
        if (senders.isEmpty()) {
            send(couriers.get(0), person);
        } else {
            handToASender(person);
            grow();
        }
    }

    private void handToASender(Recipient person) {
        try {
            while (!queue.offer(person, 100, TimeUnit.MILLISECONDS)) {
                grow();
                if (stopped() && person != RETIRE) {
                    left();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(t("stop.interrupted"));
            left();
        }
    }

    /** A connection's thread: sends to each person taken from the queue until there are no more. */
    private void sendFromQueue(Courier courier) {
        while (true) {
            Recipient person;
            try {
                // The next person is most often a moment away (the offering thread refills the queue):
                // only when no one comes is the last message's reply read on its own, a round trip.
                person = queue.poll(IDLE_BEFORE_SETTLING.toMillis(), TimeUnit.MILLISECONDS);
                if (person == null) {
                    guarded(() -> settle(courier));
                    person = queue.take();
                }
            } catch (InterruptedException e) {
                // Nothing in bulletin interrupts these threads; if something does, stop, but keep
                // taking people (and counting them as left) until told there are no more.
                stop(t("stop.interrupted"));
                continue;
            }
            if (person == NO_MORE) {
                guarded(() -> settle(courier));
                return;
            }
            if (person == RETIRE) {
                guarded(() -> settle(courier));
                courier.close();
                return;
            }
            Recipient taken = person;
            if (!guarded(() -> send(courier, taken))) {
                left();
            }
        }
    }

    /** Runs {@code work} on a connection's thread; what stops it stops the run, and is rethrown by {@link #finish}. */
    private boolean guarded(Runnable work) {
        try {
            work.run();
            return true;
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                if (failure == null) {
                    failure = e;
                }
            }
            return false;
        }
    }

    /**
     * Waits for the connections to finish and every outcome to be on the disk. Rethrows what stopped a
     * connection: the run must not end as if all was well. A journal that could not be written is
     * reported with every person whose outcome it lost (at most one per connection).
     */
    void finish() {
        finished = true;
        settleBeforeWaiting();
        endOpeners();
        endSenders();
        connectionsNote().ifPresent(note -> tally.connections = Optional.of(note));
        List<String> unrecorded = new ArrayList<>();
        Journal.JournalWriteException journalFailure = null;
        for (Courier courier : couriers) {
            Optional<Journal.JournalWriteException> lost = courier.lastOutcomeFailure();
            if (lost.isPresent()) {
                journalFailure = lost.get();
                unrecorded.add(courier.describeLastOutcome());
            }
        }
        if (journalFailure != null) {
            throw new Journal.JournalWriteException(journalFailure, String.join("; ", unrecorded));
        }
        synchronized (this) {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
    }

    /**
     * Also when the run ends with an exception: stops it, and lets each connection finish the message it
     * is sending (its outcome still reaches the journal, which is closed after this) before ending.
     */
    @Override
    public void close() {
        if (!finished) {
            stop(t("stop.interrupted"));
            endOpeners();
            endSenders();
            try {
                // The message in flight still gets its outcome journaled (the journal is closed after this).
                settleBeforeWaiting();
            } catch (RuntimeException e) {
                // What stopped the run is what gets reported.
            }
        }
    }

    /** Waits for connections being opened: each then has a thread that must be told the run is over. */
    private void endOpeners() {
        boolean interrupted = false;
        for (Thread opener : openers) {
            while (opener.isAlive()) {
                try {
                    opener.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tells every connection's thread that no one else is coming (once each), and waits until each has ended. */
    private void endSenders() {
        boolean interrupted = false;
        for (int told = 0; told < senders.size() && senders.stream().anyMatch(Thread::isAlive); ) {
            try {
                if (queue.offer(NO_MORE, 100, TimeUnit.MILLISECONDS)) {
                    told++;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (Thread sender : senders) {
            while (sender.isAlive()) {
                try {
                    sender.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends this person their message through {@code courier}; the outcome is recorded when it comes. */
    private void send(Courier courier, Recipient person) {
        if (deadline.isPresent() && !clock.instant().isBefore(deadline.get())) {
            // A person who waited in the queue while the connections were slow.
            stopOffering(t("stop.maxTime", SendService.format(maxTime.get())));
            left();
            return;
        }
        if (halted()) {
            left();
            return;
        }
        deliver(courier, new Attempt(person, campaign.messageFor(person), 1, pace.retryDelay()));
        retryWhatCameBack(courier);
    }

    /**
     * Tries, re-connecting when the connection was lost, waiting longer after each "later". When the final
     * dot's reply is left for the next message (PIPELINING), the message is in flight and {@link #landed}
     * takes its outcome.
     */
    private void deliver(Courier courier, Attempt first) {
        Attempt attempt = first;
        while (true) {
            if (!courier.ready()) {
                Optional<String> failure = courier.reconnect();
                if (failure.isPresent()) {
                    stop(t("stop.unreachable", failure.get()));
                    conclude(courier, attempt, new Delivery(Status.DEFERRED, t("delivery.notSent", failure.get()), true,
                            Delivery.Stage.CONNECTION));
                    return;
                }
            }
            Optional<Delivery> outcome;
            try {
                outcome = courier.connection().sendPipelined(attempt.message(), () -> {
                    courier.awaitLastOutcome();
                    if (halted()) {
                        throw new Withdrawn();
                    }
                });
            } catch (Withdrawn e) {
                // The last message's late outcome stopped the run while this one was on its way: it goes no further.
                courier.lost();
                left();
                return;
            }
            if (outcome.isEmpty()) {
                courier.inFlight(attempt);
                return;
            }
            Delivery delivery = outcome.get();
            if (delivery.connectionLost()) {
                courier.lost();
            }
            if (!triesAgain(attempt, delivery) || !pause(attempt.nextWait())) {
                conclude(courier, attempt, delivery);
                return;
            }
            attempt = attempt.next();
        }
    }

    /** Thrown before a message's final dot when the run stopped meanwhile: the server then takes nothing. */
    private static final class Withdrawn extends RuntimeException {
        Withdrawn() {
            super("the run stopped before this message's final dot", null, false, false);
        }
    }

    /** The outcome of the message in flight on {@code courier}, read with the next message's envelope or on its own. */
    private void landed(Courier courier, Delivery delivery) {
        Attempt attempt = courier.landed();
        if (delivery.connectionLost()) {
            courier.broken();
        }
        if (triesAgain(attempt, delivery)) {
            courier.retryLater(new Attempt.Retry(attempt, delivery));
        } else {
            conclude(courier, attempt, delivery);
        }
    }

    /** A "later" (4xx, or a connection lost before the final dot) with tries left; never a message the server may have. */
    private boolean triesAgain(Attempt attempt, Delivery delivery) {
        return delivery.status() == Status.DEFERRED && delivery.stage() != Delivery.Stage.UNCERTAIN
                && attempt.tries() < pace.tries();
    }

    /** Messages whose late reply said "later": each after the wait its try calls for, as if it had been answered at once. */
    private void retryWhatCameBack(Courier courier) {
        for (Optional<Attempt.Retry> next = courier.nextRetry(); next.isPresent(); next = courier.nextRetry()) {
            // Nothing waits unread on the connection during the pause.
            courier.connection().settle();
            Attempt.Retry retry = next.get();
            if (halted() || !pause(retry.attempt().nextWait())) {
                conclude(courier, retry.attempt(), retry.last());
            } else {
                deliver(courier, retry.attempt().next());
            }
        }
    }

    /** Reads the reply of the message in flight on {@code courier}, if any, and tries again what it sends back. */
    private void settle(Courier courier) {
        courier.connection().settle();
        retryWhatCameBack(courier);
    }

    /** With one connection (the offering thread's own): nothing waits unread on it while the run waits. */
    private void settleBeforeWaiting() {
        if (senders.isEmpty() && !couriers.isEmpty()) {
            settle(couriers.get(0));
        }
    }

    /** Records what became of a person's message: a journal row (its final dot of the next message waits for it). */
    private void conclude(Courier courier, Attempt attempt, Delivery delivery) {
        Recipient person = attempt.person();
        if (delivery.stage() == Delivery.Stage.SENDER) {
            // About the account, not this person: stop, and leave them (and the rest) for the next run.
            stop(t("stop.sender", campaign.settings().sender().email(), delivery.reply()));
            left();
            return;
        }
        JournalRow row = new JournalRow(clock.instant().truncatedTo(ChronoUnit.MILLIS), campaign.name(), person.list(),
                person.email(), delivery.status(), delivery.reply(), messageId(attempt.message()), campaign.contentHash());
        courier.recorded(journal.append(row));
        synchronized (this) {
            tally.count(delivery, person.email(), person.list());
            if (delivery.status() != Status.SENT) {
                operator.warning(t("send.outcome", t("status." + delivery.status().label()), person.email(),
                        person.list(), delivery.reply()));
            }
            watchForAServerThatRefusesEverything(delivery);
            operator.progress(tally.outcomes(), total);
        }
    }

    /** Stops cleanly at --max-time, or when the account's quota is used up (and says when to go on). */
    private void checkTimeAndQuota() {
        Instant now = clock.instant();
        if (deadline.isPresent() && !now.isBefore(deadline.get())) {
            stopOffering(t("stop.maxTime", SendService.format(maxTime.get())));
            return;
        }
        Optional<Instant> next = pace.quota().nextAllowed(now);
        if (next.isPresent() && Duration.between(now, next.get()).compareTo(QUOTA_WAIT) <= 0) {
            settleBeforeWaiting();
            now = clock.instant();
        }
        if (next.isPresent() && Duration.between(now, next.get()).compareTo(QUOTA_WAIT) <= 0 && pause(
                Duration.between(now, next.get()))) {
            // A daily cron at a fixed hour finds yesterday's first messages a few seconds short of 24 h.
            now = clock.instant();
            next = pace.quota().nextAllowed(now);
        }
        next.ifPresent(when -> stopOffering(t("stop.quota", pace.quota().describe(),
                when.atZone(clock.getZone()).toLocalDateTime().withNano(0).format(SendService.MINUTE))));
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
            stop(t("stop.messageRefused", refusedMessagesInARow, delivery.reply()));
        } else if (notSentInARow >= NOT_SENT_BEFORE_STOP) {
            stop(t("stop.notTaken", notSentInARow, delivery.reply()));
        }
    }

    private void waitForSlot() {
        Instant now = clock.instant();
        if (now.isBefore(nextSlot)) {
            settleBeforeWaiting();
            now = clock.instant();
        }
        if (now.isBefore(nextSlot) && !pause(Duration.between(now, nextSlot))) {
            return;
        }
        now = clock.instant();
        nextSlot = (now.isAfter(nextSlot) ? now : nextSlot).plus(pace.interval());
    }

    /** Waits, unless that would pass --max-time: then the run stops instead. */
    private boolean pause(Duration duration) {
        if (deadline.isPresent() && clock.instant().plus(duration).isAfter(deadline.get())) {
            stopOffering(t("stop.maxTime", SendService.format(maxTime.get())));
            return false;
        }
        try {
            sleeper.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(t("stop.interrupted"));
            return false;
        }
    }

    /**
     * The run stops now: no one else is offered, and whoever waits for a connection is left for the next
     * run (the server or the account is in trouble, or the run was interrupted).
     */
    private synchronized void stop(String reason) {
        stopOffering(reason);
        halted = true;
    }

    /**
     * No one else is offered (the quota is used up, --max-time is reached); whoever was already handed to
     * a connection was within both then and still goes ({@link #send} checks --max-time again).
     * The first reason given is the one reported; later ones are consequences.
     */
    private synchronized void stopOffering(String reason) {
        if (tally.stopReason.isEmpty()) {
            tally.stopReason = Optional.of(reason);
        }
    }

    /** No one else is offered. */
    private synchronized boolean stopped() {
        return tally.stopReason.isPresent() || failure != null;
    }

    /** Not even those already handed to a connection go. */
    private synchronized boolean halted() {
        return halted || failure != null;
    }

    private synchronized void left() {
        tally.left++;
    }

    private static String messageId(MimeMessage message) {
        try {
            return Optional.ofNullable(message.getMessageID()).orElse("");
        } catch (MessagingException e) {
            return "";
        }
    }
}
