package org.imrap.bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.imrap.bulletin.SampleWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace missing a template or a folder (settings copied alone, a template deleted): exit 66,
 * naming what is missing and {@code bulletin init} as the way to a fresh copy — never "internal error".
 */
class MissingWorkspacePartsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void copySample() {
        SampleWorkspace.copyTo(dir);
    }

    private CliRun preview() {
        return CliRun.run("--workspace", dir.toString(), "preview", "--month", "2022-08");
    }

    private static void assertMissing(CliRun run, String what) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(66);
        assertThat(run.err()).contains(what, "bulletin init").doesNotContain("internal error");
    }

    @Test
    void noTemplatesFolder() throws Exception {
        deleteTree(dir.resolve("templates"));

        assertMissing(preview(), dir.resolve("templates").toString());
        assertMissing(CliRun.run("--workspace", dir.toString(), "send", "--month", "2022-08", "--dry-run"),
                dir.resolve("templates").toString());
    }

    @Test
    void settingsCopiedAlone() throws Exception {
        Path alone = dir.resolve("alone");
        Files.createDirectories(alone);
        Files.copy(dir.resolve("bulletin.properties"), alone.resolve("bulletin.properties"));
        Files.createDirectories(alone.resolve("news"));
        Files.copy(dir.resolve("news/2022-08-20-kangaba.md"), alone.resolve("news/2022-08-20-kangaba.md"));

        assertMissing(CliRun.run("--workspace", alone.toString(), "preview"), alone.resolve("templates").toString());
    }

    @Test
    void noNewsFolder() throws Exception {
        deleteTree(dir.resolve("news"));

        assertMissing(preview(), dir.resolve("news").toString());
    }

    @Test
    void aTemplateDeleted() throws Exception {
        Files.delete(dir.resolve("templates/bulletin.txt.mustache"));

        assertMissing(preview(), "bulletin.txt.mustache");
    }

    @Test
    void aPartialDeleted() throws Exception {
        Files.delete(dir.resolve("templates/footer.html.mustache"));

        assertMissing(preview(), "footer.html");
    }

    @Test
    void noSettingsInTheNamedFolder() {
        assertMissing(CliRun.run("--workspace", dir.resolve("templates").toString(), "preview"), "bulletin.properties");
    }

    @Test
    void inFrenchToo() throws Exception {
        deleteTree(dir.resolve("templates"));

        CliRun run = CliRun.run(java.util.Map.of("LANG", "fr_FR.UTF-8"), "--workspace", dir.toString(), "preview",
                "--month", "2022-08");

        assertThat(run.exitCode()).isEqualTo(66);
        assertThat(run.err()).contains("pas de dossier de modèles", "bulletin init");
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
