package org.imrap.bulletin.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file of src/test/resources/csv-corpus, read as a list, with the exact outcome expected. */
class CsvCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/csv-corpus");

    @TempDir
    Path dir;

    /** What reading one corpus file as the list "corpus" gave. */
    private record Outcome(AudienceReport report, List<Recipient> people) {
        ListCount count() {
            return report.lists().get(0);
        }

        List<String> problems() {
            return report.problems().stream().map(p -> p.line() + ": " + p.message()).toList();
        }
    }

    private Outcome read(String corpusFile) throws IOException {
        Files.copy(CORPUS.resolve(corpusFile), dir.resolve("corpus.csv"));
        List<Recipient> people = new ArrayList<>();
        AudienceReport report = Audience.of(new RecipientsFolder(dir), Optional.empty()).read(people::add);
        return new Outcome(report, people);
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        Outcome outcome = read("bom.csv");

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.people()).extracting(Recipient::email)
                .containsExactly("awa.traore@example.org", "moussa.keita@example.org");
        assertThat(outcome.people().get(0).fields()).containsKeys("email", "name");
        assertThat(outcome.people().get(0).name()).isEqualTo("Awa Traoré");
    }

    @Test
    void semicolonsAndTabsAreDetectedAndQuotedSeparatorsKept() throws IOException {
        Outcome semicolon = read("semicolon.csv");
        assertThat(semicolon.problems()).isEmpty();
        assertThat(semicolon.people()).hasSize(2);
        assertThat(semicolon.people().get(0).fields()).containsEntry("organisation", "Paix; justice et réconciliation");

        Files.delete(dir.resolve("corpus.csv"));
        Outcome tab = read("tab.csv");
        assertThat(tab.people()).singleElement().extracting(Recipient::name).isEqualTo("Awa Traoré");
    }

    @Test
    void windows1252IsReadWithAWarningNamingTheFile() throws IOException {
        Outcome outcome = read("windows-1252.csv");

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.people()).singleElement().satisfies(person -> {
            assertThat(person.name()).isEqualTo("Awa Traoré");
            assertThat(person.fields()).containsEntry("organisation", "ONG Kènè – Œuvre");
        });
        assertThat(outcome.report().warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.file().getFileName().toString()).isEqualTo("corpus.csv");
            assertThat(warning.message()).contains("Windows-1252");
        });
    }

    @Test
    void aFileThatIsNeitherUtf8NorWindows1252IsRefused() throws IOException {
        Outcome outcome = read("not-text.csv");

        assertThat(outcome.count().unreadable()).isTrue();
        assertThat(outcome.people()).isEmpty();
        assertThat(outcome.problems()).containsExactly("2: the file is neither UTF-8 nor Windows-1252 text");
    }

    @Test
    void utf16IsRefusedWithWhatToDo() throws IOException {
        Outcome outcome = read("utf-16.csv");

        assertThat(outcome.count().unreadable()).isTrue();
        assertThat(outcome.problems()).singleElement().asString().contains("UTF-16");
    }

    @Test
    void anUnclosedQuoteNamesItsLineAndKeepsTheRowsBefore() throws IOException {
        Outcome outcome = read("unclosed-quote.csv");

        assertThat(outcome.people()).extracting(Recipient::email).containsExactly("awa.traore@example.org");
        assertThat(outcome.count().unreadable()).isTrue();
        assertThat(outcome.problems()).singleElement().asString().startsWith("3: a quote (\") opened on this line is never closed");
    }

    @Test
    void aFileWithoutEmailColumnIsRejected() throws IOException {
        Outcome outcome = read("missing-email-column.csv");

        assertThat(outcome.people()).isEmpty();
        assertThat(outcome.count().unreadable()).isTrue();
        assertThat(outcome.problems()).singleElement().asString()
                .startsWith("1: no column of email addresses; the columns are: téléphone, name");
    }

    @Test
    void aLineBreakInANameRejectsTheRowOnly() throws IOException {
        // OpenCSV reads the quoted CR LF as one line break (LF): still a control character.
        Outcome outcome = read("crlf-injection.csv");

        assertThat(outcome.people()).extracting(Recipient::email).containsExactly("moussa.keita@example.org");
        assertThat(outcome.count().invalid()).isEqualTo(1);
        assertThat(outcome.problems()).singleElement().asString()
                .isEqualTo("2: the 'name' value contains a control character (LF at position 4); "
                        + "line breaks could forge mail headers");
    }

    @Test
    void aThreeHundredCharacterNameIsTooLong() throws IOException {
        Outcome outcome = read("long-name.csv");

        assertThat(outcome.people()).extracting(Recipient::email).containsExactly("moussa.keita@example.org");
        assertThat(outcome.problems()).containsExactly("2: the 'name' value is 300 characters long (at most 200)");
    }

    @Test
    void anEmojiInANameIsKept() throws IOException {
        Outcome outcome = read("emoji.csv");

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.people()).singleElement().extracting(Recipient::name).isEqualTo("Awa Traoré 🌍");
    }

    @Test
    void theSamePersonInTwoCasesGetsOneMessageAndIsReported() throws IOException {
        Outcome outcome = read("same-person-two-cases.csv");

        assertThat(outcome.people()).extracting(Recipient::email)
                .containsExactly("Awa.Traore@Example.ORG", "moussa.keita@example.org");
        assertThat(outcome.count().duplicates()).isEqualTo(1);
        assertThat(outcome.report().duplicates()).singleElement().satisfies(duplicate -> {
            assertThat(duplicate.line()).isEqualTo(4);
            assertThat(duplicate.message()).contains("already on line 2");
        });
    }

    @Test
    void blankLinesAreSkippedAndLineNumbersStayRight() throws IOException {
        Outcome outcome = read("blank-lines.csv");

        assertThat(outcome.people()).extracting(Recipient::email)
                .containsExactly("awa.traore@example.org", "moussa.keita@example.org");
        assertThat(outcome.count().rows()).isEqualTo(3);
        assertThat(outcome.problems()).singleElement().asString().startsWith("9: 'bad-address'");
    }

    @Test
    void anEmptyFileIsReportedAndAHeaderOnlyFileIsAnEmptyList() throws IOException {
        Outcome empty = read("empty.csv");
        assertThat(empty.problems()).containsExactly(
                "0: the file is empty: it needs a header row with an 'email' column");

        Files.delete(dir.resolve("corpus.csv"));
        Outcome headerOnly = read("header-only.csv");
        assertThat(headerOnly.problems()).isEmpty();
        assertThat(headerOnly.count().rows()).isZero();
    }

    @Test
    void everyBadAddressIsReportedWithItsLine() throws IOException {
        Outcome outcome = read("bad-addresses.csv");

        assertThat(outcome.people()).extracting(Recipient::email).containsExactly("oumar@example.org");
        assertThat(outcome.report().problems()).extracting(Problem::line).containsExactly(2, 3, 4, 5);
        assertThat(outcome.problems().get(0)).contains("has no dot");
        assertThat(outcome.problems().get(2)).endsWith("no email address");
    }

    @Test
    void quotedCommasStayInsideTheirValue() throws IOException {
        Outcome outcome = read("quoted-comma.csv");

        assertThat(outcome.people()).singleElement().satisfies(person -> {
            assertThat(person.name()).isEqualTo("Sangaré, Mariam");
            assertThat(person.fields()).containsEntry("organisation", "Plateforme paix, justice et réconciliation");
        });
    }

    @Test
    void anUnquotedSeparatorInAValueIsCaught() throws IOException {
        Outcome outcome = read("too-many-values.csv");

        assertThat(outcome.people()).isEmpty();
        assertThat(outcome.problems()).singleElement().asString()
                .startsWith("2: the row has 3 values but the header has 2 columns");
    }

    @Test
    void aColumnNamedTwiceRejectsTheFile() throws IOException {
        Outcome outcome = read("duplicate-column.csv");

        assertThat(outcome.count().unreadable()).isTrue();
        assertThat(outcome.problems()).singleElement().asString().contains("'Name' appears twice");
    }
}
