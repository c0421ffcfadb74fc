package org.imrap.bulletin.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.fuzz.Fuzz;
import org.imrap.bulletin.fuzz.Texts;
import org.imrap.bulletin.io.LogCodec;
import org.imrap.bulletin.mail.Status;
import org.junit.jupiter.api.Test;

/**
 * The journal against what servers say and what other programs do to it: every row survives, a row
 * bulletin was writing when it died is the only thing ever cut, and a file it cannot read with
 * certainty stops it (exit 65) instead of being taken for empty.
 */
class JournalRobustnessTest {
    private static final String HEADER = String.join(",", JournalRow.HEADER);

    private static JournalRow row(String email, Status status, String reply) {
        return new JournalRow(Instant.parse("2022-09-01T07:00:00.123Z"), "2022-08", "partenaires", email, status, reply,
                "<" + email + ".1@imrap-mali.org>", "0123456789abcdef");
    }

    private static Path tempFile() {
        try {
            return Files.createTempDirectory("journal").resolve("2022-08.csv");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What a server might reply: anything, with the bytes that break CSV more often. */
    private static String reply(java.util.Random random) {
        return random.nextInt(4) == 0 ? "550 5.1.1 bad\0\"x\0,y" : Texts.hostile(random);
    }

    @Test
    void whateverAServerRepliesEveryPersonIsReadBackWithTheirOwnStatus() {
        Fuzz.forAll("journaled reply", 150, JournalRobustnessTest::reply, JournalRobustnessTest::readBackWithTheirOwnStatus);
    }

    private static void readBackWithTheirOwnStatus(String reply) {
        Path file = tempFile();
        try (Journal journal = Journal.open(file)) {
            journal.append(row("awa@example.org", Status.FAILED, reply));
            journal.append(row("moussa@example.org", Status.SENT, reply));
            journal.append(row("fatou@example.org", Status.SENT, "250 Ok"));
        }

        JournalState state = JournalState.read(file);

        assertThat(state.lastStatus("awa@example.org")).hasValue(Status.FAILED);
        assertThat(state.wasSent("moussa@example.org")).isTrue();
        assertThat(state.wasSent("fatou@example.org")).isTrue();
        assertThat(state.notSent()).singleElement().satisfies(r -> assertThat(r.reply()).isEqualTo(LogCodec.printable(reply)));
    }

    /** Wherever a crash cuts the file, every row written whole is still read, and nothing else is. */
    @Test
    void aCrashAtAnyByteLosesNoCompleteRowAndTheNextAppendStartsClean() {
        Fuzz.forAll("crash", 200, random -> List.of(reply(random), random.nextInt(1000)),
                value -> {
                    try {
                        crashAt((String) value.get(0), (Integer) value.get(1));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    private static void crashAt(String reply, int cutAt) throws IOException {
        Path file = tempFile();
        try (Journal journal = Journal.open(file)) {
            journal.append(row("awa@example.org", Status.SENT, reply));
            journal.append(row("moussa@example.org", Status.DEFERRED, reply));
            journal.append(row("fatou@example.org", Status.SENT, reply + "é"));
        }
        byte[] whole = Files.readAllBytes(file);
        int cut = Math.min(cutAt, whole.length);
        Files.write(file, Arrays.copyOf(whole, cut));
        List<Integer> rowEnds = new ArrayList<>();
        for (int i = 0; i < whole.length; i++) {
            if (whole[i] == '\n') {
                rowEnds.add(i);
            }
        }
        // Rows whose text (line end or not) lies wholly before the cut.
        long complete = rowEnds.stream().skip(1).filter(end -> end <= cut).count();

        List<JournalRow> read = new ArrayList<>();
        JournalState.readRows(file, read::add);
        assertThat(read).hasSize((int) complete);

        try (Journal journal = Journal.open(file)) {
            journal.append(row("kadia@example.org", Status.SENT, "250 Ok"));
        }
        List<JournalRow> after = new ArrayList<>();
        JournalState.readRows(file, after::add);
        assertThat(after).hasSize((int) complete + 1);
        assertThat(after.get(after.size() - 1).email()).isEqualTo("kadia@example.org");
    }

    @Test
    void aLastRowThatLostItsLineEndStillCountsAndIsNeverCut() throws IOException {
        Path file = tempFile();
        String sent = "2022-09-01T07:00:00Z,2022-08,partners,awa@example.org,sent,250 Ok,<1@x.org>,0123456789abcdef";
        Files.writeString(file, HEADER + "\n" + sent);

        assertThat(JournalState.read(file).wasSent("awa@example.org")).isTrue();
        try (Journal journal = Journal.open(file)) {
            journal.append(row("moussa@example.org", Status.SENT, "250 Ok"));
        }
        assertThat(Files.readString(file)).startsWith(HEADER + "\n" + sent + "\n");
        JournalState state = JournalState.read(file);
        assertThat(state.wasSent("awa@example.org")).isTrue();
        assertThat(state.wasSent("moussa@example.org")).isTrue();
    }

    @Test
    void aJournalResavedWithCarriageReturnsAloneStopsTheRunNamingTheFile() throws IOException {
        Path file = tempFile();
        Files.writeString(file, HEADER + "\r2022-09-01T07:00:00Z,2022-08,partners,awa@example.org,sent,250 Ok,<1@x.org>,"
                + "0123456789abcdef\r");

        assertThatThrownBy(() -> JournalState.read(file)).isInstanceOfSatisfying(BadDataException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo(file);
                assertThat(p.line()).isEqualTo(1);
                assertThat(p.message()).contains("CR");
            });
        });
        assertThatThrownBy(() -> Journal.open(file)).isInstanceOf(BadDataException.class);
        assertThat(Files.readString(file)).as("nothing cut").endsWith("0123456789abcdef\r");
    }

    @Test
    void aJournalWithWindowsLineEndsIsReadWhole() throws IOException {
        Path file = tempFile();
        Files.writeString(file, "\uFEFF" + HEADER + "\r\n2022-09-01T07:00:00Z,2022-08,partners,awa@example.org,sent,250 Ok,"
                + "<1@x.org>,0123456789abcdef\r\n");

        assertThat(JournalState.read(file).wasSent("awa@example.org")).isTrue();
    }

    @Test
    void aHeaderItDoesNotKnowOrARowThatDoesNotParseStopsTheRunWithItsLine() throws IOException {
        Path file = tempFile();
        String row = "2022-09-01T07:00:00Z,2022-08,partners,awa@example.org,sent,250 Ok,<1@x.org>,0123456789abcdef\n";
        for (String text : List.of(
                HEADER.replace(',', ';') + "\n" + row.replace(',', ';'),
                HEADER + "\n" + row + "2022-09-01T07:00:01Z,2022-08,partners,\"moussa@example.org,sent\n" + row,
                HEADER + "\n" + row + "2022-09-01T07:00:01Z,2022-08,partners,moussa@example.org,sent\n" + row,
                HEADER + "\n" + row + "hello")) {
            Files.writeString(file, text);
            int line = text.startsWith(HEADER + "\n") ? 3 : 1;
            assertThatThrownBy(() -> JournalState.read(file)).as(text).isInstanceOfSatisfying(BadDataException.class,
                    e -> assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(line)));
            assertThatThrownBy(() -> Journal.open(file)).isInstanceOf(BadDataException.class);
            assertThat(Files.readString(file)).as("nothing cut").isEqualTo(text);
        }
    }

    @Test
    void zeroBytesLeftByAPowerCutAreCutAndNothingElse() throws IOException {
        Path file = tempFile();
        String text = HEADER + "\n2022-09-01T07:00:00Z,2022-08,partners,awa@example.org,sent,250 Ok,<1@x.org>,0123456789abcdef\n";
        Files.write(file, (text + "\0\0\0\0").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(JournalState.read(file).wasSent("awa@example.org")).isTrue();
        try (Journal journal = Journal.open(file)) {
            journal.append(row("moussa@example.org", Status.SENT, "250 Ok"));
        }
        assertThat(Files.readString(file)).startsWith(text).doesNotContain("\0");
    }
}
