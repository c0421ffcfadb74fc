package org.imrap.bulletin.send;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code send.connections=auto}: how many connections a run uses. It starts with one and, once the rate
 * of outcomes has been measured with all connections open, doubles them while the rate rises by at least
 * {@link #MIN_GAIN} — on a distant server each connection waits a round trip per message, so more of them
 * fill the link, until the link (or the server) is what limits. A step that raised the rate almost in
 * proportion ({@link #NEAR_LINEAR}) is followed by one twice as big (×4): a short run must not spend itself
 * measuring. The first step is that big too when the first connection spends most of each message waiting for a
 * reply ({@link #roundTrip}: a distant server, where more connections are what fill the link). It never opens
 * more than {@code send.rate} needs at the rate measured. It stops at {@code send.maxConnections}, at
 * the first connection the server refuses, and when {@code send.rate} is what limits; when the last step
 * did not pay, its connections are given back. Called by the offering thread only.
 */
final class ConnectionGrowth {
    /** The rate must rise by this much for the step that raised it to stay, and for the next step to be tried. */
    static final double MIN_GAIN = 1.15;
    /** Gained per connection added, this step paid in full: the next is twice as big. */
    static final double NEAR_LINEAR = 0.8;
    /** A measure lasts at least this long, and until each connection has had a few outcomes. */
    static final Duration MIN_WINDOW = Duration.ofMillis(600);
    /** A connection whose round trips take this share of each message's time waits more than it sends. */
    static final double WAITING = 0.5;
    static final int OUTCOMES_PER_CONNECTION = 3;

    /** Why the number stopped changing. */
    enum Reason {
        /** One more step did not raise the rate enough: given back. */
        RATE_FLAT,
        /** The server took no more connections. */
        SERVER_LIMIT,
        /** {@code send.maxConnections}. */
        MAXIMUM,
        /** {@code send.rate} (or a provider's) is reached: more connections would only wait. */
        RATE_LIMIT
    }

    private final int max;
    private final double rateLimitPerSecond;
    private int open = 1;
    private int opening;
    private int lastStep;
    private double lastRate;
    private Instant windowStart;
    private int outcomesAtStart;
    private Optional<Reason> settled = Optional.empty();
    private Duration roundTrip = Duration.ZERO;

    /**
     * @param max                 send.maxConnections
     * @param ratePerMinute       send.rate, 0 for none
     */
    ConnectionGrowth(int max, int ratePerMinute) {
        this.max = max;
        this.rateLimitPerSecond = ratePerMinute / 60.0;
        if (max <= 1) {
            settled = Optional.of(Reason.MAXIMUM);
        }
    }

    /** What to do now. */
    sealed interface Step permits Open, GiveBack, Stay {
    }

    /** Open this many more, at once. */
    record Open(int count) implements Step {
    }

    /** Close this many (the last step did not pay). */
    record GiveBack(int count) implements Step {
    }

    record Stay() implements Step {
    }

    /** With {@code outcomes} recorded so far at {@code now}: open more, give some back, or stay. */
    synchronized Step next(Instant now, int outcomes) {
        if (settled.isPresent() || opening > 0) {
            return new Stay();
        }
        if (windowStart == null) {
            windowStart = now;
            outcomesAtStart = outcomes;
            return new Stay();
        }
        Duration elapsed = Duration.between(windowStart, now);
        int counted = outcomes - outcomesAtStart;
        if (elapsed.compareTo(MIN_WINDOW) < 0 || counted < OUTCOMES_PER_CONNECTION * open) {
            return new Stay();
        }
        double rate = counted / (elapsed.toNanos() / 1e9);
        windowStart = null;
        if (lastRate > 0 && rate < lastRate * MIN_GAIN) {
            settled = Optional.of(Reason.RATE_FLAT);
            int back = lastStep;
            open -= back;
            return back > 0 ? new GiveBack(back) : new Stay();
        }
        boolean inProportion = lastRate > 0 && lastStep > 0
                && (rate - lastRate) / lastRate >= NEAR_LINEAR * lastStep / (open - lastStep);
        boolean waiting = lastRate == 0 && rate * roundTrip.toNanos() / 1e9 >= WAITING;
        lastRate = rate;
        if (rateLimitPerSecond > 0 && rate >= rateLimitPerSecond * 0.9) {
            settled = Optional.of(Reason.RATE_LIMIT);
            return new Stay();
        }
        int more = Math.min(inProportion || waiting ? 3 * open : open, max - open);
        if (more <= 0) {
            settled = Optional.of(Reason.MAXIMUM);
            return new Stay();
        }
        if (rateLimitPerSecond > 0) {
            // At this rate a connection, as many as the rate needs and no more.
            more = Math.min(more, Math.max(1, (int) Math.ceil(open * rateLimitPerSecond / rate)) - open);
        }
        lastStep = more;
        opening = more;
        return new Open(more);
    }

    /** The shortest wait seen between a command and its reply on the first connection (zero: not known). */
    synchronized void roundTrip(Duration wait) {
        roundTrip = wait;
    }

    /** A connection asked for is open and sending. */
    synchronized void opened() {
        opening--;
        open++;
    }

    /** A connection asked for could not be opened: the server's limit. */
    synchronized void refused() {
        opening--;
        settled = Optional.of(Reason.SERVER_LIMIT);
    }

    synchronized int open() {
        return open;
    }

    int max() {
        return max;
    }

    /** Why the number stopped changing; empty while it may still grow (the run ended first). */
    synchronized Optional<Reason> settled() {
        return settled;
    }
}
