package org.imrap.bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.imrap.bulletin.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulletinCommandTest {

    @Test
    void versionNamesTheProgram() {
        CliRun run = CliRun.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("bulletin ");
    }

    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("preview", "news", "archive", "--workspace");
    }

    @Test
    void theHelpIsTheSameWhenOnlyTheCommandsNamedAreBuiltWhole() {
        for (String lang : new String[] {"en", "fr"}) {
            String[] everyCommand = {"preview", "send", "journal", "inbox", "check", "lists", "news", "login", "completion", "archive"};
            StringWriter whole = new StringWriter();
            StringWriter standIns = new StringWriter();
            Clock clock = Clock.systemUTC();
            Locale before = Text.locale();
            Text.use(Locale.forLanguageTag(lang));
            try {
                Cli.create(new PrintWriter(whole, true), new PrintWriter(whole, true), Map.of(), clock, everyCommand)
                        .execute("--help");
                Cli.create(new PrintWriter(standIns, true), new PrintWriter(standIns, true), Map.of(), clock, "--help")
                        .execute("--help");
            } finally {
                Text.use(before);
            }

            assertThat(standIns.toString()).as(lang).isEqualTo(whole.toString()).contains("journal", "inbox", "check", "news", "login", "completion", "archive");
        }
        assertThat(CliRun.run("help", "send").out()).contains("--dry-run", "--max-time");
    }

    @Test
    void anArgumentFileMayNameTheCommand(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("arguments.txt");
        Files.writeString(file, "news\n--help\n");

        CliRun run = CliRun.run("@" + file);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Usage: bulletin news");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun run = CliRun.run("preview", "--colour");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("Unknown option or argument: '--colour'");
    }

    @Test
    void aFolderWithoutSettingsIsNotAWorkspace(@TempDir Path empty) {
        CliRun run = CliRun.run("--workspace", empty.toString(), "preview");

        assertThat(run.exitCode()).isEqualTo(66);
        assertThat(run.err()).contains("no bulletin.properties in " + empty, "--workspace");
    }
}
