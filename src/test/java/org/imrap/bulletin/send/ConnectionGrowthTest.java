package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How send.connections=auto decides, with made-up clocks and counts (the end-to-end cases are in SendFaultsTest). */
class ConnectionGrowthTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    /** Runs one measure of {@code seconds} at {@code perSecond} outcomes a second after {@code outcomes}; returns the step. */
    private static ConnectionGrowth.Step measure(ConnectionGrowth growth, Instant[] now, int[] outcomes, double perSecond) {
        assertThat(growth.next(now[0], outcomes[0])).isInstanceOf(ConnectionGrowth.Stay.class);
        now[0] = now[0].plus(Duration.ofSeconds(2));
        outcomes[0] += (int) (perSecond * 2);
        return growth.next(now[0], outcomes[0]);
    }

    private static void openAll(ConnectionGrowth growth, ConnectionGrowth.Step step) {
        assertThat(step).isInstanceOf(ConnectionGrowth.Open.class);
        for (int i = 0; i < ((ConnectionGrowth.Open) step).count(); i++) {
            growth.opened();
        }
    }

    @Test
    void doublesWhileTheRateRisesThenStopsAtTheMaximum() {
        ConnectionGrowth growth = new ConnectionGrowth(8, 0);
        Instant[] now = {T0};
        int[] outcomes = {0};

        ConnectionGrowth.Step first = measure(growth, now, outcomes, 5);
        assertThat(first).isEqualTo(new ConnectionGrowth.Open(1));
        openAll(growth, first);
        ConnectionGrowth.Step second = measure(growth, now, outcomes, 7);
        assertThat(second).as("a gain, not in proportion: doubled").isEqualTo(new ConnectionGrowth.Open(2));
        openAll(growth, second);
        ConnectionGrowth.Step third = measure(growth, now, outcomes, 10);
        assertThat(third).isEqualTo(new ConnectionGrowth.Open(4));
        openAll(growth, third);
        assertThat(measure(growth, now, outcomes, 14)).isInstanceOf(ConnectionGrowth.Stay.class);

        assertThat(growth.open()).isEqualTo(8);
        assertThat(growth.settled()).contains(ConnectionGrowth.Reason.MAXIMUM);
    }

    @Test
    void aStepThatPaidInProportionIsFollowedByOneTwiceAsBig() {
        ConnectionGrowth growth = new ConnectionGrowth(8, 0);
        Instant[] now = {T0};
        int[] outcomes = {0};
        openAll(growth, measure(growth, now, outcomes, 5));

        ConnectionGrowth.Step second = measure(growth, now, outcomes, 10);

        assertThat(second).as("2 connections, twice the rate: straight to 8").isEqualTo(new ConnectionGrowth.Open(6));
    }

    @Test
    void aStepThatDoesNotRaiseTheRateIsGivenBack() {
        ConnectionGrowth growth = new ConnectionGrowth(8, 0);
        Instant[] now = {T0};
        int[] outcomes = {0};
        openAll(growth, measure(growth, now, outcomes, 5));
        openAll(growth, measure(growth, now, outcomes, 7));

        ConnectionGrowth.Step flat = measure(growth, now, outcomes, 7.5);

        assertThat(flat).isEqualTo(new ConnectionGrowth.GiveBack(2));
        assertThat(growth.open()).isEqualTo(2);
        assertThat(growth.settled()).contains(ConnectionGrowth.Reason.RATE_FLAT);
    }

    @Test
    void nothingIsOpenedWhileTheLastStepIsStillConnecting() {
        ConnectionGrowth growth = new ConnectionGrowth(8, 0);
        Instant[] now = {T0};
        int[] outcomes = {0};
        assertThat(measure(growth, now, outcomes, 5)).isEqualTo(new ConnectionGrowth.Open(1));

        assertThat(measure(growth, now, outcomes, 50)).isInstanceOf(ConnectionGrowth.Stay.class);
    }

    @Test
    void aRefusedConnectionEndsTheGrowth() {
        ConnectionGrowth growth = new ConnectionGrowth(8, 0);
        Instant[] now = {T0};
        int[] outcomes = {0};
        assertThat(measure(growth, now, outcomes, 5)).isEqualTo(new ConnectionGrowth.Open(1));

        growth.refused();

        assertThat(measure(growth, now, outcomes, 5)).isInstanceOf(ConnectionGrowth.Stay.class);
        assertThat(growth.open()).isEqualTo(1);
        assertThat(growth.settled()).contains(ConnectionGrowth.Reason.SERVER_LIMIT);
    }

    @Test
    void withARateLimitNoMoreThanTheRateNeeds() {
        ConnectionGrowth growth = new ConnectionGrowth(8, 300);  // 5 a second
        Instant[] now = {T0};
        int[] outcomes = {0};

        assertThat(measure(growth, now, outcomes, 4.8)).isInstanceOf(ConnectionGrowth.Stay.class);

        assertThat(growth.open()).isEqualTo(1);
        assertThat(growth.settled()).contains(ConnectionGrowth.Reason.RATE_LIMIT);
    }

    @Test
    void aConnectionThatMostlyWaitsForRepliesIsJoinedByThreeAtOnce() {
        ConnectionGrowth growth = new ConnectionGrowth(8, 0);
        growth.roundTrip(Duration.ofMillis(160));
        Instant[] now = {T0};
        int[] outcomes = {0};

        ConnectionGrowth.Step first = measure(growth, now, outcomes, 5);

        assertThat(first).as("5 a second with 160 ms round trips: 0.8 s of each second waiting").isEqualTo(new ConnectionGrowth.Open(3));
        openAll(growth, first);
        assertThat(measure(growth, now, outcomes, 18)).as("in proportion: up to the maximum").isEqualTo(new ConnectionGrowth.Open(4));
    }

    @Test
    void aNearServerStillStartsWithOneMore() {
        ConnectionGrowth growth = new ConnectionGrowth(8, 0);
        growth.roundTrip(Duration.ofNanos(60_000));

        assertThat(measure(growth, new Instant[] {T0}, new int[] {0}, 600)).isEqualTo(new ConnectionGrowth.Open(1));
    }

    @Test
    void withARateLimitAboveOneConnectionsRateOnlyWhatItNeedsIsOpened() {
        ConnectionGrowth growth = new ConnectionGrowth(8, 600);  // 10 a second
        growth.roundTrip(Duration.ofMillis(160));

        assertThat(measure(growth, new Instant[] {T0}, new int[] {0}, 5))
                .as("two connections at 5 a second each make the 10 allowed").isEqualTo(new ConnectionGrowth.Open(1));
    }

    @Test
    void aShortMeasureDecidesNothing() {
        ConnectionGrowth growth = new ConnectionGrowth(8, 0);
        assertThat(growth.next(T0, 0)).isInstanceOf(ConnectionGrowth.Stay.class);

        assertThat(growth.next(T0.plusMillis(500), 40)).isInstanceOf(ConnectionGrowth.Stay.class);
        assertThat(growth.next(T0.plusSeconds(3), 2)).isInstanceOf(ConnectionGrowth.Stay.class);
    }
}
