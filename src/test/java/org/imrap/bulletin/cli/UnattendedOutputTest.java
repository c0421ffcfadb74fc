package org.imrap.bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.imrap.bulletin.SampleWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --quiet} and {@code --log FILE} on the commands cron runs besides send (inbox's are in
 * InboxTest): the same spellings, and the same behaviour as send's.
 */
class UnattendedOutputTest {
    private static final Clock MORNING = Clock.fixed(Instant.parse("2022-09-02T07:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @BeforeEach
    void copySample() {
        SampleWorkspace.copyTo(dir);
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--workspace";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(Map.of(), MORNING, all);
    }

    @Test
    void listsWithLogPrintsAsBeforeAndAppendsEachLineTimestamped() throws IOException {
        Path log = dir.resolve("cron.log");

        CliRun unsubscribe = run("lists", "unsubscribe", "awa.traore@example.org", "--log", log.toString());
        CliRun show = run("lists", "show", "--log", log.toString());

        assertThat(unsubscribe.exitCode()).as(unsubscribe.all()).isZero();
        assertThat(unsubscribe.out()).contains("awa.traore@example.org");
        assertThat(show.exitCode()).as(show.all()).isZero();
        assertThat(show.err()).contains("Reaches 33 people");
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("2022-09-02 07:00:00 "))
                .anySatisfy(line -> assertThat(line).contains(unsubscribe.out().lines().findFirst().orElseThrow()))
                .anySatisfy(line -> assertThat(line).contains("Reaches 33 people"))
                .anySatisfy(line -> assertThat(line).contains("partners"));
    }

    @Test
    void listsQuietPrintsNothingWhenAllIsWellAndEverythingWhenItFails() throws IOException {
        CliRun fine = run("lists", "check", "--quiet");

        assertThat(fine.exitCode()).as(fine.all()).isZero();
        assertThat(fine.out()).isEmpty();
        assertThat(fine.err()).isEmpty();

        Files.writeString(dir.resolve("recipients/partners.csv"), "\nawa@localhost,Awa Traoré,ONG Kènè,fr\n",
                StandardOpenOption.APPEND);
        Path log = dir.resolve("cron.log");
        CliRun broken = run("lists", "check", "--quiet", "--log", log.toString());

        assertThat(broken.exitCode()).isEqualTo(65);
        assertThat(broken.out()).contains("recipients/partners.csv:15: 'awa@localhost'", "Distinct people reached");
        assertThat(broken.err()).contains("1 row cannot be used");
        assertThat(Files.readString(log)).contains("'awa@localhost'", "1 row cannot be used");
    }

    @Test
    void anErrorIsShownWithQuietAndLogged() throws IOException {
        Path log = dir.resolve("cron.log");

        CliRun run = run("lists", "remove", "partners", "nobody@example.org", "--quiet", "--log", log.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("nobody@example.org");
        assertThat(Files.readAllLines(log)).singleElement()
                .satisfies(line -> assertThat(line).startsWith("2022-09-02 07:00:00 error: ").contains("nobody@example.org"));
    }

    @Test
    void archiveQuietWithLogPrintsNothingAndLogsWhatItWrote() throws IOException {
        Path log = dir.resolve("cron.log");

        CliRun run = run("archive", "--month", "2022-08", "--quiet", "--log", log.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        assertThat(Files.readString(log)).contains("index.html");
    }

    @Test
    void aLogThatCannotBeOpenedIsAnErrorBeforeAnythingIsDone() throws IOException {
        Files.writeString(dir.resolve("a-file"), "");

        CliRun run = run("lists", "unsubscribe", "awa.traore@example.org", "--log", dir.resolve("a-file/cron.log").toString());

        assertThat(run.exitCode()).isEqualTo(73);
        assertThat(run.err()).contains("cannot open the log");
        assertThat(Files.readString(dir.resolve("recipients/unsubscribed.csv"))).doesNotContain("awa.traore@example.org");
    }
}
