package org.imrap.bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.imrap.bulletin.SampleWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * News files nested thousands deep (quotes, lists, emphasis, brackets in the front matter) get one
 * line naming the file and exit 65, never a stack overflow; nesting that real news uses renders.
 */
class DeepNestingTest {
    private static final String FRONT = "---\ntitle: Titre\nplace: Kangaba\ndate: 2022-08-30\n---\n";

    @TempDir
    Path dir;

    @BeforeEach
    void copySample() {
        SampleWorkspace.copyTo(dir);
    }

    private CliRun withItem(String content, String... command) {
        SampleWorkspace.write(dir.resolve("news/2022-08-30-deep.md"), content);
        return CliRun.inWorkspace(dir, java.util.Map.of(), command[0],
                java.util.Arrays.copyOfRange(command, 1, command.length));
    }

    private static void assertRefusedOnOneLine(CliRun run, String fileAndLine) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(65);
        assertThat(run.err()).contains(fileAndLine).contains("levels deep").doesNotContain("Exception", "Error", "\tat ");
        // The summary, the file's line, the hint: as for any other bad news file.
        assertThat(run.err().lines()).hasSize(3);
    }

    @Test
    void fiveThousandNestedQuotesAreRefusedNamingTheFile() {
        CliRun run = withItem(FRONT + "Texte.\n\n" + ">".repeat(5000) + " citation\n", "news", "list");

        assertRefusedOnOneLine(run, "2022-08-30-deep.md:8: ");
    }

    @Test
    void fiveThousandNestedListsAreRefusedNamingTheFile() {
        CliRun run = withItem(FRONT + "- ".repeat(5000) + "élément\n", "news", "list");

        assertRefusedOnOneLine(run, "2022-08-30-deep.md:6: ");
    }

    @Test
    void fiveThousandNestedEmphasisPairsAreRefusedNamingTheFile() {
        CliRun run = withItem(FRONT + "Début\n" + "*a ".repeat(5000) + "x" + " b*".repeat(5000) + "\n", "preview");

        assertRefusedOnOneLine(run, "2022-08-30-deep.md:7: ");
    }

    @Test
    void tenThousandStarsAroundAWordAreRefusedNamingTheFile() {
        CliRun run = withItem(FRONT + "*".repeat(5000) + "x" + "*".repeat(5000) + "\n", "news", "list");

        assertRefusedOnOneLine(run, "2022-08-30-deep.md:6: ");
    }

    @Test
    void fiveThousandNestedImagesAreRefusedNamingTheFile() {
        CliRun run = withItem(FRONT + "![a".repeat(5000) + "](u)".repeat(5000) + "\n", "news", "list");

        assertRefusedOnOneLine(run, "2022-08-30-deep.md:6: ");
    }

    /**
     * The front matter is read line by line, without YAML (nothing in it nests, nothing recurses): brackets
     * are text, and a value that long is refused for its length.
     */
    @Test
    void twentyThousandBracketsInTheFrontMatterAreRefusedNamingTheFile() {
        CliRun run = withItem("---\ntitle: Titre\nplace: " + "[".repeat(20000) + "\ndate: 2022-08-30\n---\nTexte.\n",
                "news", "list");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(65);
        assertThat(run.err()).contains("2022-08-30-deep.md:3: the field 'place' holds 20000 characters; a field holds at most 2000")
                .doesNotContain("Exception", "Error", "\tat ");
        assertThat(run.err().lines()).hasSize(3);
    }

    @Test
    void twentyThousandQuestionMarksInTheFrontMatterAreRefusedNamingTheFile() {
        CliRun run = withItem("---\n" + "? ".repeat(20000) + "a\n---\nTexte.\n", "news", "list");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(65);
        assertThat(run.err()).contains("2022-08-30-deep.md:2: '? ? ? ").contains("is not a field")
                .doesNotContain("Exception", "Error", "\tat ");
    }

    /** Found by NewsFuzzTest: 350 KB of pieces such as {@code <a } kept commonmark busy for 5 s. */
    @Test
    void aNewsFileLargerThanSixtyFourKilobytesIsRefusedBeforeParsing() {
        CliRun run = withItem(FRONT + "<a ".repeat(30000) + "\n", "news", "list");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(65);
        assertThat(run.err()).contains("2022-08-30-deep.md: the file is 88 KB; a news item may be at most 64 KB");
        assertThat(run.err().lines()).hasSize(3);
    }

    @Test
    void theNestingRealNewsUsesStillRenders() {
        String item = FRONT + "> « Une citation » avec **du *gras et de l'italique* [un lien](https://example.org)**\n"
                + "> > et une réponse\n\n- un\n  - deux\n    - trois\n      > cité dans la liste\n";
        CliRun run = withItem(item, "preview");

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void theProgramExitsWithTheCommandsCodeFromTheThreadItRunsOn() throws Exception {
        SampleWorkspace.write(dir.resolve("news/2022-08-30-deep.md"), FRONT + ">".repeat(5000) + " x\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Process process = new ProcessBuilder(java, "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                "org.imrap.bulletin.Main", "--workspace", dir.toString(), "news", "list").redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(65);
        assertThat(output).contains("2022-08-30-deep.md:6: ").doesNotContain("Exception", "\tat ");
    }
}
