package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The daily cron job, with the calendar simulated: `send --month previous --yes` every morning at 07:00. */
class ScheduleTest extends FaultyServerTest {
    private static final ZoneId BAMAKO = ZoneId.of("Africa/Bamako");


    private static Clock morning(String day) {
        return Clock.fixed(Instant.parse(day + "T07:00:00Z"), BAMAKO);
    }

    private CliRun cron(String day) {
        return fixture.sendOn(morning(day), "--month", "previous", "--yes");
    }

    @Test
    void aMissedFirstIsCaughtUpOnTheThirdAndLaterRunsDoNothing() {
        // The machine was off on the 1st and the 2nd.
        CliRun third = cron("2022-09-03");

        assertThat(third.exitCode()).as(third.all()).isZero();
        assertThat(server.recipients()).hasSize(34).doesNotHaveDuplicates();
        assertThat(third.out()).contains("Sent 34", "Everyone in the audience has the bulletin.");

        for (String day : new String[] {"2022-09-04", "2022-09-05", "2022-09-30"}) {
            CliRun later = cron(day);
            assertThat(later.exitCode()).as(later.all()).isZero();
            assertThat(later.out().lines()).containsExactly(
                    "Nothing to send: everyone in the audience already has the 2022-08 bulletin (34).");
            assertThat(later.err()).as("one line in all, for the cron mail").isEmpty();
        }
        assertThat(server.recipients()).hasSize(34);
    }

    @ParameterizedTest(name = "{0} connection(s)")
    @ValueSource(ints = {1, 4})
    void aBulletinLargerThanTheDailyQuotaSpreadsOverThreeDaysEachPersonOnce(int connections) {
        fixture.generatedList(250);
        fixture.addSettings("send.quota=100/day", "send.connections=" + connections);

        CliRun first = cron("2022-09-01");
        assertThat(first.exitCode()).as(first.all()).isEqualTo(75);
        assertThat(first.out()).contains("Sent 100", "the quota 100/day is used up; the next message may go at 2022-09-02 07:00",
                "Left for the next run: 150");
        assertThat(first.err()).contains("quota: 100/day (100 may go now)", "This run: 100 messages", "the rest in later runs");

        CliRun second = cron("2022-09-02");
        assertThat(second.exitCode()).as(second.all()).isEqualTo(75);
        assertThat(second.out()).contains("Sent 100", "100 already had it", "Left for the next run: 50");

        CliRun third = cron("2022-09-03");
        assertThat(third.exitCode()).as(third.all()).isZero();
        assertThat(third.out()).contains("Sent 50", "200 already had it", "Everyone in the audience has the bulletin.");

        CliRun fourth = cron("2022-09-04");
        assertThat(fourth.exitCode()).isZero();
        assertThat(fourth.out()).contains("Nothing to send");

        assertThat(server.recipients()).hasSize(250).doesNotHaveDuplicates();
        assertThat(fixture.journalRows()).hasSize(250);
    }

    @Test
    void theQuotaCountsEveryCampaignsJournalAndWaitsForTheWindowToRoll() throws IOException {
        fixture.addSettings("send.quota=40/day");
        Files.createDirectories(dir.resolve("journal"));
        Files.writeString(dir.resolve("journal/rappel-2022-08.csv"),
                "time,campaign,list,email,status,reply,message_id,content_hash\n"
                        + "2022-09-01T06:30:00Z,rappel,partners,a@example.org,sent,250,<1@x>,h\n".repeat(30));

        CliRun run = fixture.sendOn(morning("2022-09-01"), "--month", "2022-08", "--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(75);
        assertThat(run.out()).contains("Sent 10", "the next message may go at 2022-09-02 06:30");
    }

    @Test
    void aMonthWithoutNewsIsReportedWithItsMonthAndFolder() {
        CliRun run = cron("2022-11-01");

        assertThat(run.exitCode()).isEqualTo(66);
        assertThat(run.err()).contains("no news items dated 2022-10 in " + dir.resolve("news"), "months with items: 2022-08");
        assertThat(server.sessions()).isZero();
    }

    @Test
    void onANonTerminalProgressIsTimestampedLinesAndQuietPrintsNothingWhenAllIsWell() throws IOException {
        CliRun run = cron("2022-09-01");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err().lines().filter(line -> line.startsWith("2022-09-01 07:00:00 sent 34/34")))
                .hasSize(1);
        assertThat(run.err().lines()).allSatisfy(line -> assertThat(line).startsWith("2022-09-01 07:00:00 "));

        fixture.generatedList(5);
        Path log = dir.resolve("cron.log");
        CliRun quiet = fixture.sendOn(morning("2022-09-02"), "--month", "previous", "--yes", "--quiet",
                "--log", log.toString());
        assertThat(quiet.exitCode()).as(quiet.all()).isZero();
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err()).isEmpty();
        assertThat(Files.readAllLines(log)).allSatisfy(line -> assertThat(line).startsWith("2022-09-02 07:00:00 "))
                .anySatisfy(line -> assertThat(line).contains("Campaign 2022-08"))
                .anySatisfy(line -> assertThat(line).contains("Sent 5,"));
    }

    @Test
    void theRunReportIsMailedToStaffAndAFailedReportIsOnlyAWarning() {
        fixture.addSettings("report.to=communication@imrap-mali.org");
        server.replyToRecipient("personne002@example.org", "550 5.1.1 User unknown");
        fixture.generatedList(3);

        CliRun run = cron("2022-09-01");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(65);
        assertThat(server.received()).filteredOn(m -> m.to().contains("communication@imrap-mali.org")).singleElement()
                .satisfies(report -> {
                    assertThat(report.data()).contains("Subject: [bulletin] 2022-08: 2 sent, 1 failed, 0 deferred",
                            "Auto-Submitted: auto-generated", "personne002@example.org (partners): 550 5.1.1 User unknown",
                            "fix the failed addresses");
                });

        server.replyToRecipient("communication@imrap-mali.org", "550 5.7.1 Relaying denied");
        CliRun again = fixture.sendOn(morning("2022-09-02"), "--month", "previous", "--yes", "--retry-failed");
        server.heal();
        assertThat(again.exitCode()).as(again.all()).isEqualTo(65);
        assertThat(again.err()).contains("warning: the run report to communication@imrap-mali.org was not sent: 550 5.7.1");
    }

    @Test
    void thePlanShowsTheFiguresOfThePreparedWorkspace() throws IOException {
        Files.writeString(dir.resolve("recipients/partners.csv"), "pas-une-adresse,X,Y,fr\n",
                java.nio.file.StandardOpenOption.APPEND);
        fixture.addSettings("send.rate=60", "send.quota=2000/day");

        CliRun run = fixture.sendOn(morning("2022-09-01"), "--month", "previous", "--dry-run");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).contains(
                "Reaches 34 people (authorities 12, donors 12, partners 10); 1 on several lists, 1 unsubscribed, "
                        + "1 invalid row left out",
                "on several lists, one message each: awa.traore@example.org (donors, partners)",
                "left out: " + dir.resolve("recipients/partners.csv") + ":14: 'pas-une-adresse'",
                "Already sent in this campaign: 0; left to send: 34",
                "rate: 60/min; quota: 2000/day (2000 may go now)",
                "This run: 34 messages, about 33 s");
        assertThat(run.err()).containsPattern("Message size: \\d+ KB");
        assertThat(server.sessions()).isZero();
    }
}
