package org.imrap.bulletin.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.mail.Delivery;

/** Counts of a run, and the failures and deferrals with their replies. */
final class Tally {
    int sent;
    int skipped;
    int failedBefore;
    int left;
    final List<SendSummary.Outcome> failed = new ArrayList<>();
    final List<SendSummary.Outcome> deferred = new ArrayList<>();
    Optional<String> stopReason = Optional.empty();
    /** With send.connections=auto: how many connections the run ended with, and why. */
    Optional<String> connections = Optional.empty();

    void count(Delivery delivery, String email, String list) {
        switch (delivery.status()) {
            case SENT -> sent++;
            case FAILED -> failed.add(new SendSummary.Outcome(email, list, delivery.reply()));
            case DEFERRED -> deferred.add(new SendSummary.Outcome(email, list, delivery.reply()));
        }
    }

    /** Every outcome of this run. */
    int outcomes() {
        return sent + failed.size() + deferred.size();
    }
}
