package org.imrap.bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
        assertThat(run.out()).contains("preview", "news", "--workspace");
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
