package org.imrap.bulletin.send;

import static org.imrap.bulletin.Text.t;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.mail.Delivery;
import org.imrap.bulletin.mail.Status;
import org.imrap.bulletin.recipients.Recipient;

/**
 * What a send run has done, and whether it must stop: shared by the thread that offers people and the
 * threads of the connections, so every method holds this object's lock. Of the reasons to stop, the
 * first given is the one reported; later ones are its consequences.
 */
final class RunLedger {
    /** Messages in a row the server does not take before the run stops (the rest wait for the next run). */
    static final int NOT_SENT_BEFORE_STOP = 10;
    /** Messages in a row refused after DATA (the content, not the person) before the run stops. */
    static final int REFUSED_MESSAGES_BEFORE_STOP = 3;

    private final Operator operator;
    /** The messages this run means to send, for the progress shown. */
    private final int total;
    private int sent;
    private int skipped;
    private int failedBefore;
    private int left;
    private final List<SendSummary.Outcome> failed = new ArrayList<>();
    private final List<SendSummary.Outcome> deferred = new ArrayList<>();
    private Optional<String> stopReason = Optional.empty();
    private Optional<String> connections = Optional.empty();
    private int notSentInARow;
    private int refusedMessagesInARow;
    private Throwable failure;
    private boolean halted;

    RunLedger(Operator operator, int total) {
        this.operator = operator;
        this.total = total;
    }

    /** The journal already holds this person as sent. */
    synchronized void skipped() {
        skipped++;
    }

    /** An earlier run failed this person for good, and --retry-failed was not given. */
    synchronized void failedBefore() {
        failedBefore++;
    }

    /** This person is left for the next run. */
    synchronized void left() {
        left++;
    }

    /** What became of a person's message, now on its way to the journal. */
    synchronized void counted(Recipient person, Delivery delivery) {
        switch (delivery.status()) {
            case SENT -> sent++;
            case FAILED -> failed.add(new SendSummary.Outcome(person.email(), person.list(), delivery.reply()));
            case DEFERRED -> deferred.add(new SendSummary.Outcome(person.email(), person.list(), delivery.reply()));
        }
        if (delivery.status() != Status.SENT) {
            operator.warning(t("send.outcome", t("status." + delivery.status().label()), person.email(),
                    person.list(), delivery.reply()));
        }
        watchForAServerThatRefusesEverything(delivery);
        operator.progress(outcomes(), total);
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

    /** Every outcome of this run so far. */
    synchronized int outcomes() {
        return sent + failed.size() + deferred.size();
    }

    /**
     * The run stops now: no one else is offered, and whoever waits for a connection is left for the next
     * run (the server or the account is in trouble, or the run was interrupted).
     */
    synchronized void stop(String reason) {
        stopOffering(reason);
        halted = true;
    }

    /**
     * No one else is offered (the quota is used up, --max-time is reached); whoever was already handed to
     * a connection was within both then and still goes.
     */
    synchronized void stopOffering(String reason) {
        if (stopReason.isEmpty()) {
            stopReason = Optional.of(reason);
        }
    }

    /** A list could not be read whole: that, not what the run met later, is what the person must fix. */
    synchronized void listsUnreadable(String reason) {
        stopReason = Optional.of(reason);
    }

    /** No one else is offered. */
    synchronized boolean stopped() {
        return stopReason.isPresent() || failure != null;
    }

    /** Not even those already handed to a connection go. */
    synchronized boolean halted() {
        return halted || failure != null;
    }

    /** What stopped a connection's thread; the first is rethrown by {@link #rethrowFailure}. */
    synchronized void failed(Throwable e) {
        if (failure == null) {
            failure = e;
        }
    }

    /** The run must not end as if all was well when a connection's thread was stopped by an exception. */
    synchronized void rethrowFailure() {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /** With send.connections=auto: how many connections the run ended with, and why. */
    synchronized void connections(String note) {
        connections = Optional.of(note);
    }

    /** The counts so far, into a summary. */
    synchronized SendSummary.Builder into(SendSummary.Builder summary) {
        return summary.sent(sent).failed(List.copyOf(failed)).deferred(List.copyOf(deferred)).skipped(skipped)
                .failedBefore(failedBefore).left(left).stopReason(stopReason).rendered(outcomes())
                .connections(connections);
    }
}
