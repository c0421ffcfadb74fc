package org.imrap.bulletin.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.imrap.bulletin.mail.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    private static final String HEADER = "time,campaign,list,email,status,reply,message_id,content_hash\n";

    @TempDir
    Path dir;

    private static JournalRow row(String email, Status status, String reply) {
        return new JournalRow(Instant.parse("2022-09-01T07:00:00Z"), "2022-08", "partenaires", email, status, reply,
                "<1@imrap-mali.org>", "0123456789abcdef");
    }

    @Test
    void rowsAreWrittenWithTheHeaderAndReadBackWithTheLastStatusOfEachPerson() {
        Path file = dir.resolve("journal/2022-08.csv");
        try (Journal journal = Journal.open(file)) {
            journal.append(row("awa@example.org", Status.DEFERRED, "452 4.2.2 Mailbox full, \"try later\" \\ later"));
            journal.append(row("Awa@Example.org", Status.SENT, "250 2.0.0 Ok"));
            journal.append(row("moussa@example.org", Status.FAILED, "550 5.1.1 User unknown"));
        }

        JournalState state = JournalState.read(file);

        assertThat(state.wasSent("awa@example.org")).isTrue();
        assertThat(state.lastStatus("moussa@example.org")).hasValue(Status.FAILED);
        assertThat(state.notSent()).singleElement().satisfies(r -> assertThat(r.reply()).isEqualTo("550 5.1.1 User unknown"));
        assertThat(state.sentByContent()).containsEntry("0123456789abcdef", 1);
    }

    @Test
    void aRowCutShortByACrashIsIgnoredWhenReadAndCutBeforeTheNextAppend() throws IOException {
        Path file = dir.resolve("2022-08.csv");
        String whole = HEADER + "2022-09-01T07:00:00Z,2022-08,partners,awa@example.org,sent,250 Ok,<1@x.org>,abc\n";
        // Torn inside a quoted reply and inside a two-byte character.
        byte[] torn = "2022-09-01T07:00:01Z,2022-08,partenaires-Ségou,moussa@example.org,deferred,\"421 4.7.0 Try again later, clos"
                .getBytes(StandardCharsets.UTF_8);
        byte[] tornInCharacter = java.util.Arrays.copyOf(torn, "2022-09-01T07:00:01Z,2022-08,partenaires-S".length() + 1);
        for (byte[] tail : new byte[][] {torn, tornInCharacter}) {
            Files.write(file, (whole).getBytes(StandardCharsets.UTF_8));
            Files.write(file, tail, java.nio.file.StandardOpenOption.APPEND);

            JournalState state = JournalState.read(file);
            assertThat(state.wasSent("awa@example.org")).isTrue();
            assertThat(state.lastStatus("moussa@example.org")).isEmpty();

            try (Journal journal = Journal.open(file)) {
                journal.append(row("moussa@example.org", Status.SENT, "250 Ok"));
            }
            assertThat(JournalState.read(file).wasSent("moussa@example.org")).isTrue();
            assertThat(Files.readAllLines(file)).hasSize(3);
        }
    }

    @Test
    void aJournalCutToNothingGetsItsHeaderBack() throws IOException {
        Path file = dir.resolve("2022-08.csv");
        Files.writeString(file, "time,campaign,li");

        try (Journal journal = Journal.open(file)) {
            journal.append(row("awa@example.org", Status.SENT, "250 Ok"));
        }

        assertThat(Files.readString(file)).startsWith(HEADER);
        assertThat(JournalState.read(file).wasSent("awa@example.org")).isTrue();
    }

    @Test
    void rowsFromManyThreadsAreEachOnDiskWhenAwaitedAndNoneIsLostOrTorn() throws Exception {
        Path file = dir.resolve("2022-08.csv");
        int threads = 8;
        int rowsEach = 50;
        java.util.List<String> seenOnDisk = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (Journal journal = Journal.open(file)) {
            java.util.List<Thread> writers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(new Thread(() -> {
                    for (int i = 0; i < rowsEach; i++) {
                        String email = "t" + thread + "-" + i + "@example.org";
                        journal.append(row(email, Status.SENT, "250 Ok")).await();
                        try {
                            if (Files.readString(file).contains(email)) {
                                seenOnDisk.add(email);
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }));
            }
            writers.forEach(Thread::start);
            for (Thread writer : writers) {
                writer.join();
            }
        }

        assertThat(seenOnDisk).as("each row is in the file once its await returns").hasSize(threads * rowsEach);
        java.util.List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1 + threads * rowsEach).doesNotHaveDuplicates();
        assertThat(JournalState.read(file).count(Status.SENT)).isEqualTo(threads * rowsEach);
    }
}
