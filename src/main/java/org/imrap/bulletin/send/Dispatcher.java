package org.imrap.bulletin.send;

import static org.imrap.bulletin.Text.t;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.journal.Journal;
import org.imrap.bulletin.journal.JournalState;
import org.imrap.bulletin.mail.Status;
import org.imrap.bulletin.recipients.Recipient;

/**
 * One pass of a send over the audience. The caller's thread {@link #offer offers} each person in list
 * order and decides who goes now: not sent before, within --limit, --max-time, {@code send.rate} and the
 * quota. {@link Deliveries} sends; with one connection on the caller's thread, with more on the threads
 * of a {@link CourierPool}. What the run did is kept in its {@link RunLedger}.
 */
final class Dispatcher implements AutoCloseable {
    /** How long a run waits for the quota to let the next message go before leaving it to the next run. */
    static final Duration QUOTA_WAIT = Duration.ofMinutes(15);

    private final RunLedger ledger;
    private final JournalState state;
    private final Quota.Usage quota;
    private final Duration interval;
    private final Timekeeper time;
    private final Deliveries deliveries;
    private final int limit;
    private final boolean retryFailed;
    /** The one connection, used on this thread; or else the pool of several. */
    private final Optional<Courier> own;
    private final Optional<CourierPool> pool;

    private Instant nextSlot;
    private int handedOver;
    private boolean finished;

    /**
     * @param couriers the connections open; with {@code more} (send.connections=auto), the first of them,
     *                 and {@link ConnectionGrowth} opens more from {@code more} while they help
     * @param quota    what the quota has used, which this run adds to
     * @param ledger   where the run's outcomes are counted, and its reasons to stop kept
     */
    Dispatcher(Campaign campaign, List<Courier> couriers, Optional<Courier.ConnectionFactory> more, Journal journal,
               JournalState state, Quota.Usage quota, RunLedger ledger, Operator operator, Timekeeper time,
               SendRequest request, int total) {
        this.ledger = ledger;
        this.state = state;
        this.quota = quota;
        this.interval = campaign.sending().interval();
        this.time = time;
        this.deliveries = new Deliveries(campaign, journal, ledger, time);
        this.limit = request.limit().orElse(-1);
        this.retryFailed = request.retryFailed();
        this.nextSlot = time.now();
        couriers.forEach(deliveries::takeLateOutcomes);
        if (couriers.size() > 1 || more.isPresent()) {
            Optional<ConnectionGrowth> growth = more.map(factory -> new ConnectionGrowth(
                    Math.min(campaign.sending().connections(), Math.max(1, total)), campaign.sending().ratePerMinute()));
            this.pool = Optional.of(new CourierPool(couriers, deliveries, ledger, operator, time, growth, more));
            this.own = Optional.empty();
        } else {
            this.pool = Optional.empty();
            this.own = Optional.of(couriers.get(0));
        }
    }

    /** Decides whether this person gets a message now, and if so hands them to a connection. */
    void offer(Recipient person) {
        // The audience offers each person once (Audience de-duplicates across lists).
        if (state.wasSent(person.email())) {
            ledger.skipped();
            return;
        }
        if (!retryFailed && state.lastStatus(person.email()).filter(s -> s == Status.FAILED).isPresent()) {
            ledger.failedBefore();
            return;
        }
        if (!ledger.stopped()) {
            checkTimeAndQuota();
        }
        if (ledger.stopped() || (limit >= 0 && handedOver >= limit)) {
            ledger.left();
            return;
        }
        waitForSlot();
        checkTimeAndQuota();
        if (ledger.stopped()) {
            ledger.left();
            return;
        }
        handedOver++;
        // Counted when handed to a connection, so that the quota holds across all of them.
        quota.record(time.now());
        if (pool.isPresent()) {
            pool.get().hand(person);
        } else {
            deliveries.send(own.orElseThrow(), person);
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
        pool.ifPresent(CourierPool::drain);
        pool.flatMap(CourierPool::connectionsNote).ifPresent(ledger::connections);
        List<String> unrecorded = new ArrayList<>();
        Journal.JournalWriteException journalFailure = null;
        for (Courier courier : pool.map(CourierPool::couriers).orElseGet(() -> List.of(own.orElseThrow()))) {
            Optional<Journal.JournalWriteException> lost = courier.lastOutcomeFailure();
            if (lost.isPresent()) {
                journalFailure = lost.get();
                unrecorded.add(courier.describeLastOutcome());
            }
        }
        if (journalFailure != null) {
            throw new Journal.JournalWriteException(journalFailure, String.join("; ", unrecorded));
        }
        ledger.rethrowFailure();
    }

    /**
     * Also when the run ends with an exception: stops it, and lets each connection finish the message it
     * is sending (its outcome still reaches the journal, which is closed after this).
     */
    @Override
    public void close() {
        if (!finished) {
            ledger.stop(t("stop.interrupted"));
            pool.ifPresent(CourierPool::drain);
            try {
                settleBeforeWaiting();
            } catch (RuntimeException e) {
                // What stopped the run is what gets reported.
            }
        }
    }

    /** With one connection (this thread's own): nothing waits unread on it while the run waits. */
    private void settleBeforeWaiting() {
        own.ifPresent(deliveries::settle);
    }

    /** Stops cleanly at --max-time, or when the account's quota is used up (and says when to go on). */
    private void checkTimeAndQuota() {
        if (time.timeIsUp()) {
            return;
        }
        Instant now = time.now();
        Optional<Instant> next = quota.nextAllowed(now);
        if (next.isPresent() && Duration.between(now, next.get()).compareTo(QUOTA_WAIT) <= 0) {
            settleBeforeWaiting();
            now = time.now();
        }
        if (next.isPresent() && Duration.between(now, next.get()).compareTo(QUOTA_WAIT) <= 0
                && time.pause(Duration.between(now, next.get()))) {
            // A daily cron at a fixed hour finds yesterday's first messages a few seconds short of 24 h.
            now = time.now();
            next = quota.nextAllowed(now);
        }
        next.ifPresent(when -> ledger.stopOffering(t("stop.quota", quota.describe(), time.minute(when))));
    }

    /** Waits for the rate's next slot (send.rate). */
    private void waitForSlot() {
        Instant now = time.now();
        if (now.isBefore(nextSlot)) {
            settleBeforeWaiting();
            now = time.now();
        }
        if (now.isBefore(nextSlot) && !time.pause(Duration.between(now, nextSlot))) {
            return;
        }
        now = time.now();
        nextSlot = (now.isAfter(nextSlot) ? now : nextSlot).plus(interval);
    }
}
