package org.imrap.bulletin.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.fuzz.Fuzz;
import org.imrap.bulletin.fuzz.Mutations;
import org.imrap.bulletin.mail.Status;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzzing of the journal and log readers: a journal mangled at random — bytes inserted, removed
 * or replaced, with a bias to what breaks CSV and line ends — is either read or refused with
 * bulletin's own error (exit 65), and is never changed by a refusal. Nothing else may escape.
 */
class JournalFuzzTest {
    private static final byte[] SEED = (String.join(",", JournalRow.HEADER) + "\n"
            + "2022-09-01T07:00:00Z,2022-08,partners,awa@example.org,sent,250 2.0.0 Ok,<1@imrap-mali.org>,0123456789abcdef\n"
            + "2022-09-01T07:00:01.5Z,2022-08,donors,moussa@example.org,failed,\"550 5.1.1 \"\"no\"\", user\",<2@x.org>,"
            + "0123456789abcdef\n"
            + "2022-09-01T07:00:02Z,2022-08,'@odd,fatou@example.org,deferred,421 Ségou,<3@x.org>,0123456789abcdef\n")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aMangledJournalIsReadOrRefusedWithExitSixtyFiveAndNeverDamagedFurther() {
        Fuzz.run("journal", 500, Duration.ofSeconds(6), random -> Mutations.mutate(random, SEED, List.of()),
                bytes -> {
                    try {
                        readOrRefuse(bytes);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static void readOrRefuse(byte[] bytes) throws IOException {
        Path file = Files.createTempDirectory("fuzz").resolve("2022-08.csv");
        Files.write(file, bytes);

        try {
            JournalState.read(file);
        } catch (BulletinException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
            assertThat(e.getMessage()).contains("2022-08.csv");
            try {
                Journal.open(file).close();
                throw new AssertionError("opened for appending a journal that could not be read");
            } catch (BulletinException refused) {
                assertThat(Files.readAllBytes(file)).as("a refused journal is left as it was").isEqualTo(bytes);
            }
            return;
        }
        try (Journal journal = Journal.open(file)) {
            journal.append(new JournalRow(java.time.Instant.parse("2022-09-02T00:00:00Z"), "2022-08", "partners",
                    "kadia@example.org", Status.SENT, "250 Ok", "<9@x.org>", "0123456789abcdef")).await();
        }
        assertThat(JournalState.read(file).wasSent("kadia@example.org")).isTrue();
    }
}
