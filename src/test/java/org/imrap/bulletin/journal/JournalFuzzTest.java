package org.imrap.bulletin.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

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

    /** One change to a byte array: where, what, and which kind. */
    record Mutation(int kind, double at, byte value) {
        byte[] apply(byte[] input) {
            int position = (int) (at * input.length);
            List<Byte> bytes = new ArrayList<>();
            for (byte b : input) {
                bytes.add(b);
            }
            switch (kind) {
                case 0 -> bytes.add(position, value);
                case 1 -> {
                    if (!bytes.isEmpty()) {
                        bytes.remove(Math.min(position, bytes.size() - 1));
                    }
                }
                case 2 -> {
                    if (!bytes.isEmpty()) {
                        bytes.set(Math.min(position, bytes.size() - 1), value);
                    }
                }
                default -> {
                    return java.util.Arrays.copyOf(input, position);
                }
            }
            byte[] out = new byte[bytes.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = bytes.get(i);
            }
            return out;
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Byte> interesting = Arbitraries.of((byte) '\r', (byte) '\n', (byte) 0, (byte) '"', (byte) ',', (byte) '\'',
                (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, (byte) 0xEF, (byte) 'Z', (byte) '=');
        Arbitrary<Byte> value = Arbitraries.oneOf(interesting, Arbitraries.bytes());
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.doubles().between(0, 1),
                value).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 500)
    void aMangledJournalIsReadOrRefusedWithExitSixtyFiveAndNeverDamagedFurther(@ForAll("mutations") List<Mutation> changes)
            throws IOException {
        byte[] bytes = SEED;
        for (Mutation change : changes) {
            bytes = change.apply(bytes);
        }
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
