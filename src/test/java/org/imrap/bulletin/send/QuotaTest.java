package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.imrap.bulletin.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a quota has used comes from the journals; reading it is not using it. */
class QuotaTest {
    private static final Instant NOW = Instant.parse("2022-09-01T07:00:00Z");

    @TempDir
    Path dir;

    private Quota quota(String value) throws Exception {
        Path file = dir.resolve("bulletin.properties");
        Files.writeString(file, "send.quota=" + value + "\n");
        return Quota.from(Settings.load(file));
    }

    private Path journals(int rowsAnHourAgo) throws Exception {
        Path journals = Files.createDirectories(dir.resolve("journal"));
        Files.writeString(journals.resolve("2022-08.csv"),
                "time,campaign,list,email,status,reply,message_id,content_hash\n"
                        + "2022-09-01T06:00:00Z,2022-08,partners,x@example.org,sent,250,<1@x>,h\n".repeat(rowsAnHourAgo));
        return journals;
    }

    @Test
    void readingTheJournalsTwiceCountsTheirMessagesOnce() throws Exception {
        Quota quota = quota("10/day");
        Path journals = journals(4);

        Quota.Usage first = quota.readUsage(journals, NOW);
        Quota.Usage second = quota.readUsage(journals, NOW);

        assertThat(first.leftNow(NOW)).contains(6);
        assertThat(second.leftNow(NOW)).contains(6);
    }

    @Test
    void whatARunRecordsCountsInItsOwnUsageOnly() throws Exception {
        Quota quota = quota("5/day");
        Path journals = journals(4);
        Quota.Usage run = quota.readUsage(journals, NOW);

        run.record(NOW);

        assertThat(run.leftNow(NOW)).contains(0);
        assertThat(run.nextAllowed(NOW)).contains(Instant.parse("2022-09-02T06:00:00Z"));
        assertThat(quota.readUsage(journals, NOW).leftNow(NOW)).contains(1);
        assertThat(quota.readUsage(journals, NOW).nextAllowed(NOW)).isEqualTo(Optional.empty());
    }
}
