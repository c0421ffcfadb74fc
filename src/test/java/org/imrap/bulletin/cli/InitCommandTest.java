package org.imrap.bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulletin init DIR}: a workspace of one's own, through the command line. */
class InitCommandTest {
    /** The 15th of March 2031: the example item is dated today, so the workspace has news this month. */
    private static final Clock MARCH_2031 = Clock.fixed(Instant.parse("2031-03-15T09:00:00Z"), ZoneOffset.UTC);
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    private static CliRun bulletin(String... args) {
        return CliRun.run(Map.of(), MARCH_2031, args);
    }

    @Test
    void makesAReadyWorkspaceInANewFolder() throws Exception {
        Path workspace = dir.resolve("mon bulletin");  // a space, as in "C:\Users\Awa\Mes documents"
        CliRun run = bulletin("init", workspace.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo(workspace.toString());
        assertThat(run.err()).contains("news/2031-03-15-exemple.md", "bulletin --workspace \"" + workspace + "\" preview");

        String settings = Files.readString(workspace.resolve("bulletin.properties"));
        assertThat(settings).contains("organisation.name=", "sender.email=", "organisation.address=", "# ")
                .containsPattern("(?m)^smtp.host=sandbox$");
        assertThat(Files.readString(workspace.resolve("news/2031-03-15-exemple.md"))).contains("date: 2031-03-15\n");
        for (String list : new String[] {"partners", "donors", "authorities"}) {
            assertThat(Files.readAllLines(workspace.resolve("recipients/" + list + ".csv")))
                    .as("header only").hasSize(1).first().asString().startsWith("email,name,");
        }
        assertThat(Files.readAllLines(workspace.resolve("recipients/unsubscribed.csv"))).containsExactly("email,date,reason");
        assertThat(Files.readAllLines(workspace.resolve(".gitignore"))).contains("/out/", "bulletin.secret");
        try (Stream<Path> files = Files.walk(workspace)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void theTemplatesAreTheProjectsOwn() throws Exception {
        Path workspace = dir.resolve("w");
        assertThat(bulletin("init", workspace.toString()).exitCode()).isZero();

        try (Stream<Path> templates = Files.list(PROJECT.resolve("templates"))) {
            for (Path template : (Iterable<Path>) templates::iterator) {
                assertThat(workspace.resolve("templates").resolve(template.getFileName().toString()))
                        .as("one source of truth: the build copies templates/ into the jar")
                        .hasSameBinaryContentAs(template);
            }
        }
    }

    @Test
    void previewAndASandboxSendWorkRightAfterIt() throws Exception {
        Path workspace = dir.resolve("w");
        assertThat(bulletin("init", workspace.toString()).exitCode()).isZero();

        CliRun preview = bulletin("--workspace", workspace.toString(), "preview");
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.err()).contains("2031-03", "1 news item");
        assertThat(Files.readString(workspace.resolve("out/preview/bulletin.html"))).contains("Bamako");

        CliRun nobody = bulletin("--workspace", workspace.toString(), "send", "--yes");
        assertThat(nobody.exitCode()).as("the lists are empty: nothing to send " + nobody.err()).isZero();

        CliRun added = bulletin("--workspace", workspace.toString(), "lists", "add", "partners", "awa.traore@example.org",
                "--name", "Awa Traoré");
        assertThat(added.exitCode()).as(added.err()).isZero();
        CliRun send = bulletin("--workspace", workspace.toString(), "send", "--yes");
        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(send.err()).contains("sandbox");
        assertThat(workspace.resolve("out/sandbox/2031-03/awa.traore@example.org.eml")).isRegularFile();
    }

    @Test
    void anEmptyFolderIsFine() {
        CliRun run = bulletin("init", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dir.resolve("bulletin.properties")).isRegularFile();
    }

    @Test
    void refusesAFolderThatIsNotEmptyAndTouchesNothing() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mes notes");

        CliRun run = bulletin("init", dir.toString());

        assertThat(run.exitCode()).isEqualTo(73);
        assertThat(run.err()).contains(dir.toString(), "is not empty", "notes.txt", "new or empty folder")
                .doesNotContain("internal error");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("notes.txt"));
        }
    }

    @Test
    void saysSoWhenTheFolderIsAlreadyAWorkspace() {
        assertThat(bulletin("init", dir.toString()).exitCode()).isZero();

        CliRun again = bulletin("init", dir.toString());

        assertThat(again.exitCode()).isEqualTo(73);
        assertThat(again.err()).contains("already a workspace", "--workspace " + dir);
    }

    @Test
    void refusesAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("bulletin"), "");

        CliRun run = bulletin("init", file.toString());

        assertThat(run.exitCode()).isEqualTo(73);
        assertThat(run.err()).contains(file + " is a file");
    }

    @Test
    void speaksFrench() {
        CliRun run = CliRun.run(Map.of("LANG", "fr_ML.UTF-8"), MARCH_2031, "init", dir.resolve("w").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Espace de travail bulletin créé", "actualité d'exemple");
    }

    @Test
    void withoutAFolderItIsAUsageError() {
        CliRun run = bulletin("init");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("DIR");
    }
}
