package org.imrap.bulletin.send;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.imrap.bulletin.journal.Journal;
import org.imrap.bulletin.journal.JournalRow;
import org.imrap.bulletin.mail.Delivery;
import org.imrap.bulletin.mail.Status;
import org.imrap.bulletin.recipients.Recipient;

/**
 * How a person's message goes through one connection ({@link Courier}): tried again after a "later"
 * with growing waits, the connection made again when it was lost, and each outcome journaled. The
 * final dot of a connection's next message waits until the row of its last outcome is on the disk
 * ({@link Courier#awaitLastOutcome}), so a crash repeats at most one message per connection.
 * A courier is used by one thread at a time; this object by all of them.
 */
final class Deliveries {
    private final Campaign campaign;
    private final Journal journal;
    private final RunLedger ledger;
    private final Timekeeper time;

    Deliveries(Campaign campaign, Journal journal, RunLedger ledger, Timekeeper time) {
        this.campaign = campaign;
        this.journal = journal;
        this.ledger = ledger;
        this.time = time;
    }

    /** From now on, the late outcomes of {@code courier}'s messages (PIPELINING) are taken here. */
    void takeLateOutcomes(Courier courier) {
        courier.connection().lateOutcomes(delivery -> landed(courier, delivery));
    }

    /** Sends this person their message through {@code courier}; the outcome is recorded when it comes. */
    void send(Courier courier, Recipient person) {
        // A person handed over while the connections were slow may find --max-time passed, or the run stopped.
        if (time.timeIsUp() || ledger.halted()) {
            ledger.left();
            return;
        }
        deliver(courier, new Attempt(person, campaign.messageFor(person), 1, campaign.sending().retryDelay()));
        retryWhatCameBack(courier);
    }

    /** Reads the reply of the message in flight on {@code courier}, if any, and tries again what it sends back. */
    void settle(Courier courier) {
        courier.connection().settle();
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
                    ledger.stop(t("stop.unreachable", failure.get()));
                    conclude(courier, attempt, new Delivery(Status.DEFERRED, t("delivery.notSent", failure.get()), true,
                            Delivery.Stage.CONNECTION));
                    return;
                }
            }
            Optional<Delivery> outcome;
            try {
                outcome = courier.connection().sendPipelined(attempt.message(), () -> {
                    courier.awaitLastOutcome();
                    if (ledger.halted()) {
                        throw new Withdrawn();
                    }
                });
            } catch (Withdrawn e) {
                // The last message's late outcome stopped the run while this one was on its way: it goes no further.
                courier.lost();
                ledger.left();
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
            if (!triesAgain(attempt, delivery) || !time.pause(attempt.nextWait())) {
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
                && attempt.tries() < campaign.sending().tries();
    }

    /** Messages whose late reply said "later": each after the wait its try calls for, as if it had been answered at once. */
    private void retryWhatCameBack(Courier courier) {
        for (Optional<Attempt.Retry> next = courier.nextRetry(); next.isPresent(); next = courier.nextRetry()) {
            // Nothing waits unread on the connection during the pause.
            courier.connection().settle();
            Attempt.Retry retry = next.get();
            if (ledger.halted() || !time.pause(retry.attempt().nextWait())) {
                conclude(courier, retry.attempt(), retry.last());
            } else {
                deliver(courier, retry.attempt().next());
            }
        }
    }

    /** Records what became of a person's message: a journal row (the final dot of the next message waits for it). */
    private void conclude(Courier courier, Attempt attempt, Delivery delivery) {
        Recipient person = attempt.person();
        if (delivery.stage() == Delivery.Stage.SENDER) {
            // About the account, not this person: stop, and leave them (and the rest) for the next run.
            ledger.stop(t("stop.sender", campaign.settings().sender().email(), delivery.reply()));
            ledger.left();
            return;
        }
        JournalRow row = new JournalRow(time.now().truncatedTo(ChronoUnit.MILLIS), campaign.name(), person.list(),
                person.email(), delivery.status(), delivery.reply(), messageId(attempt.message()), campaign.contentHash());
        courier.recorded(journal.append(row));
        ledger.counted(person, delivery);
    }

    private static String messageId(MimeMessage message) {
        try {
            return Optional.ofNullable(message.getMessageID()).orElse("");
        } catch (MessagingException e) {
            return "";
        }
    }
}
