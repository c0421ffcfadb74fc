package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.Test;

/**
 * The daily cron job (`send --month previous --yes`) writes, and so mails someone, only when a person
 * is needed: not every day of a month after a typo was fixed, not every day of a month without news.
 */
class CronOnlyWhenNeededTest extends FaultyServerTest {
    private static final ZoneId BAMAKO = ZoneId.of("Africa/Bamako");

    private static Clock morning(String day) {
        return Clock.fixed(Instant.parse(day + "T07:00:00Z"), BAMAKO);
    }

    private CliRun cron(String day) {
        return fixture.sendOn(morning(day), "--month", "previous", "--yes");
    }

    private void fixATypo() throws IOException {
        Files.writeString(dir.resolve("news/2022-08-20-kangaba.md"), "\nUne coquille corrigée.\n", StandardOpenOption.APPEND);
    }

    @Test
    void aBulletinEditedAfterEveryoneHadItLeavesNothingToSend() throws IOException {
        fixture.generatedList(3);
        assertThat(cron("2022-09-01").exitCode()).isZero();

        fixATypo();
        CliRun next = cron("2022-09-02");

        assertThat(next.exitCode()).as(next.all()).isZero();
        assertThat(next.out().lines()).containsExactly(
                "Nothing to send: everyone in the audience already has the 2022-08 bulletin (3).");
        assertThat(next.err()).isEmpty();
        assertThat(server.recipients()).hasSize(3);
    }

    @Test
    void theChangedBulletinIsStillRefusedWhileSomeoneIsLeftToSendTo() throws IOException {
        fixture.generatedList(3);
        assertThat(fixture.sendOn(morning("2022-09-01"), "--month", "previous", "--yes", "--limit", "1").exitCode())
                .isEqualTo(75);

        fixATypo();
        CliRun next = cron("2022-09-02");

        assertThat(next.exitCode()).isEqualTo(65);
        assertThat(next.err()).contains("the bulletin changed since 1 person was sent an earlier version");
        assertThat(server.recipients()).hasSize(1);
    }

    @Test
    void aMonthWithoutNewsIsReportedByItsFirstRunOnlyThenInOneLine() {
        // The sample's news are of August 2022: September has none.
        CliRun first = cron("2022-10-01");

        assertThat(first.exitCode()).isEqualTo(66);
        assertThat(first.err()).contains("no news items dated 2022-09 in",
                "later runs for 2022-09 print one line and exit 0 until its news is there");

        for (String day : new String[] {"2022-10-02", "2022-10-03", "2022-10-31"}) {
            CliRun later = cron(day);
            assertThat(later.exitCode()).as(later.all()).isZero();
            assertThat(later.out().lines()).singleElement().asString()
                    .startsWith("Nothing to send: no news items dated 2022-09; the first run for that month said so on ");
            assertThat(later.err()).isEmpty();
        }

        assertThat(cron("2022-11-01").exitCode()).as("October is another month").isEqualTo(66);
        assertThat(server.recipients()).isEmpty();
    }

    @Test
    void aDryRunOrAPreviewDoesNotCountAsTheFirstReport() {
        CliRun dryRun = fixture.sendOn(morning("2022-10-01"), "--month", "previous", "--dry-run");
        CliRun preview = CliRun.run(java.util.Map.of(), morning("2022-10-01"), "--workspace", dir.toString(), "preview",
                "--month", "previous");

        assertThat(dryRun.exitCode()).isEqualTo(66);
        assertThat(preview.exitCode()).isEqualTo(66);
        assertThat(cron("2022-10-01").exitCode()).isEqualTo(66);
        assertThat(cron("2022-10-02").exitCode()).isZero();
    }
}
