package org.imrap.bulletin.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmptyMonthTest {
    private static final YearMonth SEPTEMBER = YearMonth.of(2022, 9);
    private static final Clock FIRST = Clock.fixed(Instant.parse("2022-10-01T07:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path journal;

    @Test
    void theFirstReportIsRecordedAndLaterOnesGetItsTime() {
        assertThat(new EmptyMonth(journal, SEPTEMBER).report(FIRST)).isEmpty();
        assertThat(new EmptyMonth(journal, SEPTEMBER).report(Clock.systemUTC())).contains(FIRST.instant());
        assertThat(new EmptyMonth(journal, SEPTEMBER.plusMonths(1)).report(FIRST)).as("another month").isEmpty();
    }

    @Test
    void ofRunsAtOnceExactlyOneIsTheFirst() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Instant>>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> new EmptyMonth(journal, SEPTEMBER).report(FIRST)));
            }
            int first = 0;
            for (Future<Optional<Instant>> run : runs) {
                first += run.get().isEmpty() ? 1 : 0;
            }
            assertThat(first).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLinkInThePlaceOfTheRecordIsNotFollowed() throws Exception {
        Path elsewhere = Files.createTempDirectory(journal, "elsewhere").resolve("target");
        Files.createSymbolicLink(journal.resolve("2022-09.no-news"), elsewhere);

        assertThat(new EmptyMonth(journal, SEPTEMBER).report(FIRST)).isPresent();
        assertThat(elsewhere).doesNotExist();
    }
}
