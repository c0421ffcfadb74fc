package org.imrap.bulletin.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.recipients.Audience;
import org.imrap.bulletin.recipients.AudienceReport;
import org.imrap.bulletin.recipients.ListFile;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.recipients.RecipientsFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz pass over CSV lists: whatever a list or the suppression list holds, reading it gives
 * people and problems naming the file and line, or bulletin's own error; never another exception.
 */
class ListFuzzTest {
    private static final Duration BUDGET = Duration.ofSeconds(3);
    /**
     * OpenCSV's parser copies a field's text so far at each quote inside it: 100 KB of {@code a"} in one
     * field takes 2 to 3 s to read, an unclosed quote followed by 140 KB of {@code ""} 7 s (not fixed
     * here). Inputs are cut to this size so that such a read is not taken for a hang.
     */
    private static final int MAX_INPUT = 32 * 1024;

    @TempDir
    Path dir;
    private Path recipients;

    @BeforeEach
    void folder() throws IOException {
        recipients = Files.createDirectories(dir.resolve("recipients"));
    }

    /** The CSV corpus and the sample workspace's lists. */
    private static List<byte[]> corpus() {
        List<byte[]> files = new ArrayList<>();
        for (String folder : new String[] {"src/test/resources/csv-corpus", "recipients"}) {
            try (Stream<Path> listing = Files.list(Path.of(folder))) {
                for (Path file : listing.filter(path -> path.toString().endsWith(".csv")).sorted().toList()) {
                    files.add(Files.readAllBytes(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** Reads {@code content} as a list, then as the suppression list beside a good list, every way bulletin does. */
    private void check(byte[] content) {
        Path list = recipients.resolve("fuzz.csv");
        Path suppression = recipients.resolve(RecipientsFolder.SUPPRESSION_FILE);
        write(list, content);
        try {
            Files.deleteIfExists(suppression);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        readEveryWay(list);

        write(list, "email,name\nawa.traore@example.org,Awa\n".getBytes(StandardCharsets.UTF_8));
        write(suppression, content);
        readEveryWay(list);
    }

    private void readEveryWay(Path list) {
        Fuzz.expectResultOrBulletinError(() -> new ListFile(list).read(new ListFile.RowHandler() {
            @Override
            public void valid(Recipient recipient, int line) {
                assertThat(recipient.email()).isNotBlank();
                assertThat(line).isPositive();
            }

            @Override
            public void invalid(Problem problem, String email) {
                assertThat(problem.file()).isEqualTo(list);
                assertThat(problem.message()).isNotBlank();
            }
        }));
        Fuzz.expectResultOrBulletinError(() -> new ListFile(list).columns());
        Fuzz.expectResultOrBulletinError(() -> {
            List<Recipient> people = new ArrayList<>();
            AudienceReport report = Audience.of(new RecipientsFolder(recipients), Optional.empty()).read(people::add);
            assertThat(report.problems()).allSatisfy(problem -> assertThat(problem.message()).isNotBlank());
        });
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void mutatedListsAreReadOrRefused() {
        List<byte[]> corpus = corpus();
        Fuzz.run("list-mutated", 3000, BUDGET,
                random -> cut(Mutations.mutate(random, corpus.get(random.nextInt(corpus.size())), corpus)), this::check);
    }

    @Test
    void generatedListsAreReadOrRefused() {
        Fuzz.run("list-generated", 3000, BUDGET, random -> {
            char separator = ",;\t|".charAt(random.nextInt(4));
            String ending = new String[] {"\n", "\r\n", "\r"}[random.nextInt(3)];
            List<String> columns = new ArrayList<>(List.of("email", "name", "organisation", "language", "date", "reason",
                    "Email", "", "email ", "\uFEFFemail", "=cmd", "salutation"));
            java.util.Collections.shuffle(columns, random);
            List<String> header = columns.subList(0, 1 + random.nextInt(columns.size()));
            StringBuilder text = new StringBuilder();
            row(text, header, separator, random);
            text.append(ending);
            int rows = random.nextInt(30);
            for (int i = 0; i < rows; i++) {
                List<String> values = new ArrayList<>();
                int count = random.nextInt(10) == 0 ? random.nextInt(header.size() + 3) : header.size();
                for (int j = 0; j < count; j++) {
                    values.add(cell(random));
                }
                row(text, values, separator, random);
                text.append(random.nextInt(20) == 0 ? "" : ending);
            }
            return cut(encode(random, text.toString()));
        }, this::check);
    }

    private static byte[] cut(byte[] input) {
        return input.length > MAX_INPUT ? java.util.Arrays.copyOf(input, MAX_INPUT) : input;
    }

    private static void row(StringBuilder text, List<String> values, char separator, Random random) {
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            boolean quote = random.nextInt(4) == 0 || value.indexOf(separator) >= 0 || value.contains("\"")
                    || value.contains("\n") || value.contains("\r");
            if (random.nextInt(50) == 0) {
                quote = !quote; // a quote left open, or a separator unquoted
            }
            text.append(i > 0 ? String.valueOf(separator) : "")
                    .append(quote ? "\"" + value.replace("\"", random.nextInt(30) == 0 ? "\"" : "\"\"") + "\"" : value);
        }
    }

    /** An address (good, odd or bad), a name, or anything. */
    private static String cell(Random random) {
        String[] addresses = {"awa.traore@example.org", "AWA.TRAORE@EXAMPLE.ORG", "\"awa.traore\"@example.org",
            " awa.traore@example.org\u00A0", "\u200Bawa@example.org", "awa@exämple.org", "awa@xn--exmple-cua.org",
            "awa@", "@example.org", "a@b", "awa.traore@example.org\r\nBcc: x@example.org", "x@[127.0.0.1]",
            "\"a b\"@example.org", "a..b@example.org", "a@example.org,b@example.org", "=HYPERLINK(\"x\")@e.org"};
        return switch (random.nextInt(6)) {
            case 0, 1 -> addresses[random.nextInt(addresses.length)];
            case 2 -> Texts.words(random, random.nextInt(4));
            case 3 -> Texts.arbitrary(random, random.nextInt(random.nextInt(20) == 0 ? 2000 : 30));
            case 4 -> Mutations.token(random).repeat(1 + random.nextInt(random.nextBoolean() ? 3 : 3000));
            default -> "";
        };
    }

    /** UTF-8 (with or without a byte-order mark), Windows-1252, ISO-8859-1, UTF-16 with a byte-order mark. */
    private static byte[] encode(Random random, String text) {
        return switch (random.nextInt(8)) {
            case 0 -> Mutations.insert(text.getBytes(StandardCharsets.UTF_8), 0,
                    new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            case 1 -> Mutations.reencode(text.getBytes(StandardCharsets.UTF_8), Charset.forName("windows-1252"));
            case 2 -> Mutations.reencode(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            case 3 -> text.getBytes(random.nextBoolean() ? StandardCharsets.UTF_16 : StandardCharsets.UTF_16LE);
            default -> text.getBytes(StandardCharsets.UTF_8);
        };
    }
}
