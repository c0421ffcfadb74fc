package org.imrap.bulletin.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.imrap.bulletin.SampleWorkspace;
import org.imrap.bulletin.cli.CliRun;
import org.imrap.bulletin.journal.CsvLog;
import org.imrap.bulletin.journal.Journal;
import org.imrap.bulletin.journal.JournalRow;
import org.imrap.bulletin.journal.JournalState;
import org.imrap.bulletin.mail.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cells bulletin writes into files staff open in a spreadsheet never start a formula (OWASP, CSV
 * injection), and bulletin reads back exactly what it meant to write.
 */
class SpreadsheetFormulaTest {
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"Cliquez\")";

    @TempDir
    Path dir;

    @BeforeEach
    void copySample() {
        SampleWorkspace.copyTo(dir);
    }

    @Test
    void anUnsubscribeReasonIsWrittenAsTextAndTheSuppressionStillHolds() throws IOException {
        CliRun run = CliRun.inWorkspace(dir, Map.of(), "lists", "unsubscribe", "awa.traore@example.org", "--reason", FORMULA);

        assertThat(run.exitCode()).as(run.all()).isZero();
        String file = Files.readString(dir.resolve("recipients/unsubscribed.csv"));
        assertThat(file.lines().filter(line -> line.startsWith("awa.traore"))).singleElement()
                .satisfies(line -> assertThat(line).contains(",\"'=HYPERLINK(").doesNotContain(",=", ",\"="));
        SuppressionList.Loaded loaded = new RecipientsFolder(dir.resolve("recipients")).suppression().load();
        assertThat(loaded.find("awa.traore@example.org")).isPresent();
        assertThat(loaded.problems()).isEmpty();
    }

    @Test
    void aNameAddedThatLooksLikeAFormulaIsWrittenAsTextAndReadBackAsTyped() throws IOException {
        CliRun run = CliRun.inWorkspace(dir, Map.of(), "lists", "add", "partners", "nouveau@example.org", "--name", "-2+3");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Files.readString(dir.resolve("recipients/partners.csv"))).contains("nouveau@example.org,'-2+3,");
        List<Recipient> people = new java.util.ArrayList<>();
        new ListFile(dir.resolve("recipients/partners.csv")).read(new ListFile.RowHandler() {
            @Override
            public void valid(Recipient recipient, int line) {
                people.add(recipient);
            }

            @Override
            public void invalid(org.imrap.bulletin.Problem problem, String email) {
                throw new AssertionError(problem.toString());
            }
        });
        assertThat(people).filteredOn(p -> p.email().equals("nouveau@example.org")).singleElement()
                .extracting(Recipient::name).isEqualTo("-2+3");
    }

    @Test
    void theJournalAndTheInboxRecordsWriteFormulasAsTextAndReadThemBack() throws IOException {
        Path journalFile = dir.resolve("journal/2022-08.csv");
        try (Journal journal = Journal.open(journalFile)) {
            journal.append(new JournalRow(Instant.parse("2022-09-01T07:00:00Z"), "2022-08", "@partners", "awa@example.org",
                    Status.FAILED, "+cmd|' /C calc'!A0", "<1@x.org>", "0123456789abcdef")).await();
        }
        CsvLog bounces = new CsvLog(dir.resolve("journal/bounces.csv"), List.of("time", "campaign", "email", "diagnostic"));
        bounces.append(List.of("2022-09-01T07:00:00Z", "2022-08", "awa@example.org", FORMULA));

        assertThat(Files.readString(journalFile)).contains(",'@partners,", ",'+cmd|' /C calc'!A0,");
        assertThat(Files.readString(bounces.file())).contains("\"'=HYPERLINK(");
        assertThat(JournalState.read(journalFile).notSent()).singleElement().satisfies(row -> {
            assertThat(row.list()).isEqualTo("@partners");
            assertThat(row.reply()).isEqualTo("+cmd|' /C calc'!A0");
        });
        assertThat(bounces.rows()).singleElement().satisfies(row -> assertThat(row.get(3)).isEqualTo(FORMULA));
    }

    @Test
    void aListWhoseFileNameStartsLikeAFormulaIsRefused() throws IOException {
        Files.writeString(dir.resolve("recipients/=cmd.csv"), "email\nx@example.org\n");

        CliRun check = CliRun.inWorkspace(dir, Map.of(), "lists", "check");
        CliRun add = CliRun.inWorkspace(dir, Map.of(), "lists", "add", "-evil", "x@example.org");
        CliRun addPlus = CliRun.inWorkspace(dir, Map.of(), "lists", "add", "+evil", "x@example.org");

        assertThat(check.exitCode()).as(check.all()).isEqualTo(65);
        assertThat(check.err()).contains("=cmd.csv", "formula");
        assertThat(add.exitCode()).as(add.all()).isEqualTo(64);
        assertThat(addPlus.exitCode()).as(addPlus.all()).isEqualTo(64);
        assertThat(dir.resolve("recipients/+evil.csv")).doesNotExist();
    }
}
