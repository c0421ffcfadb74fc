package org.imrap.bulletin.send;

import static org.imrap.bulletin.Text.t;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A run's waits and its --max-time: a wait that would pass it stops the run from offering anyone else. */
final class Timekeeper {
    private final Clock clock;
    private final SendService.Sleeper sleeper;
    private final RunLedger ledger;
    private final Optional<Duration> maxTime;
    private final Optional<Instant> deadline;

    Timekeeper(Clock clock, SendService.Sleeper sleeper, RunLedger ledger, Optional<Duration> maxTime) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.ledger = ledger;
        this.maxTime = maxTime;
        this.deadline = maxTime.map(clock.instant()::plus);
    }

    Instant now() {
        return clock.instant();
    }

    /** The minute a message may go, as the person reads it ("2022-09-02 07:00"). */
    String minute(Instant when) {
        return when.atZone(clock.getZone()).toLocalDateTime().withNano(0).format(SendService.MINUTE);
    }

    /** True once --max-time is reached, which then stops the run from offering anyone else. */
    boolean timeIsUp() {
        if (deadline.isPresent() && !clock.instant().isBefore(deadline.get())) {
            ledger.stopOffering(reason());
            return true;
        }
        return false;
    }

    /** Waits, unless that would pass --max-time: then the run stops offering instead, and this is false. */
    boolean pause(Duration duration) {
        if (deadline.isPresent() && clock.instant().plus(duration).isAfter(deadline.get())) {
            ledger.stopOffering(reason());
            return false;
        }
        try {
            sleeper.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ledger.stop(t("stop.interrupted"));
            return false;
        }
    }

    private String reason() {
        return t("stop.maxTime", SendService.format(maxTime.orElseThrow()));
    }
}
