package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.config.Security;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.config.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The send service on its own, with a clock and waits it does not really wait. */
class SendServiceTest extends FaultyServerTest {
    final FakeTime time = new FakeTime();
    final List<String> lines = new ArrayList<>();

    @BeforeEach
    void prepareList() {
        fixture.generatedList(5);
    }

    /** A clock that moves only when the service waits. */
    static final class FakeTime extends Clock {
        Instant now = Instant.parse("2022-09-01T07:00:00Z");
        final List<Duration> waits = new ArrayList<>();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void sleep(Duration duration) {
            waits.add(duration);
            now = now.plus(duration);
        }
    }

    private SendSummary send(SendMode mode) {
        return send(mode, Optional.empty());
    }

    private SendSummary send(SendMode mode, Optional<Duration> maxTime) {
        SendRequest request = SendRequest.builder(new Workspace(dir), mode)
                .month(Optional.of(YearMonth.of(2022, 8)))
                .confirmed(true)
                .smtp(new SmtpSettings.Overrides("127.0.0.1", server.port(), Security.NONE, null))
                .maxTime(maxTime)
                .build();
        return new SendService(time, time::sleep).send(request, new Operator() {
            @Override
            public boolean interactive() {
                return false;
            }

            @Override
            public void plan(SendPlan plan) {
                lines.add("plan: " + plan.toSend());
            }

            @Override
            public boolean confirm(SendPlan plan) {
                throw new AssertionError("never asked with --yes");
            }

            @Override
            public Optional<char[]> password(String prompt) {
                throw new AssertionError("no login here");
            }

            @Override
            public void info(String line) {
                lines.add(line);
            }

            @Override
            public void warning(String line) {
                lines.add("warning: " + line);
            }

            @Override
            public void progress(int done, int total) {
                lines.add("progress " + done + "/" + total);
            }

            @Override
            public RunReport report(SendSummary summary) {
                return new RunReport("report", "text");
            }

            @Override
            public Optional<PrintStream> smtpDebug() {
                return Optional.empty();
            }
        });
    }

    @Test
    void theRateSpacesMessagesEvenly() {
        fixture.addSettings("send.rate=30");

        SendSummary summary = send(SendMode.SEND);

        assertThat(summary.sent()).isEqualTo(5);
        assertThat(time.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(2));
        assertThat(fixture.journalRows()).extracting(row -> row.get(0)).containsExactly(
                "2022-09-01T07:00:00Z", "2022-09-01T07:00:02Z", "2022-09-01T07:00:04Z", "2022-09-01T07:00:06Z",
                "2022-09-01T07:00:08Z");
    }

    @Test
    void maxTimeStopsCleanlyAndLeavesTheRestForTheNextRun() {
        fixture.addSettings("send.rate=60");

        SendSummary summary = send(SendMode.SEND, Optional.of(Duration.ofSeconds(3)));

        assertThat(summary.sent()).isEqualTo(3);
        assertThat(summary.left()).isEqualTo(2);
        assertThat(summary.stopReason()).hasValueSatisfying(reason -> assertThat(reason).contains("--max-time 3s"));
        assertThat(summary.exitCode().code()).isEqualTo(75);
    }

    @Test
    void aQuotaThatFreesUpWithinMinutesIsWaitedForNotLeftToTomorrow() throws IOException {
        fixture.addSettings("send.quota=3/day");
        java.nio.file.Files.createDirectories(dir.resolve("journal"));
        // Yesterday's run, a few seconds later in the morning than today's.
        java.nio.file.Files.writeString(dir.resolve("journal/2022-07.csv"),
                "time,campaign,list,email,status,reply,message_id,content_hash\n"
                        + "2022-08-31T07:00:05Z,2022-07,partners,x@example.org,sent,250,<1@x>,h\n".repeat(3));

        SendSummary summary = send(SendMode.SEND);

        assertThat(time.waits).containsExactly(Duration.ofSeconds(5));
        assertThat(summary.sent()).isEqualTo(3);
        assertThat(summary.stopReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("the quota 3/day is used up", "2022-09-02 07:00"));
    }

    @Test
    void aWaitThatWouldPassMaxTimeStopsInstead() {
        fixture.addSettings("send.rate=60");

        SendSummary summary = send(SendMode.SEND, Optional.of(Duration.ofMillis(2500)));

        assertThat(time.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(summary.sent()).isEqualTo(3);
        assertThat(summary.stopReason()).hasValueSatisfying(reason -> assertThat(reason).contains("--max-time"));
    }

    @Test
    void retriesWaitLongerEachTime() {
        fixture.addSettings("send.retries=3", "send.retryDelay=10s");
        server.deferRecipient("personne002@example.org", "451 4.3.0 Later", 2);

        SendSummary summary = send(SendMode.SEND);

        assertThat(summary.sent()).isEqualTo(5);
        assertThat(time.waits).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20));
    }

    @Test
    void theDryRunTwinNeitherWaitsNorSends() {
        fixture.addSettings("send.rate=30");

        SendSummary summary = send(SendMode.DRY_RUN);

        assertThat(summary.rendered()).isEqualTo(5);
        assertThat(time.waits).isEmpty();
        assertThat(server.sessions()).isZero();
        assertThat(fixture.journal()).doesNotExist();
    }
}
