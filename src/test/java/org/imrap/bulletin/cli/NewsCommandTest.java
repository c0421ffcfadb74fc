package org.imrap.bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.imrap.bulletin.SampleWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewsCommandTest {
    @TempDir
    Path dir;

    @Test
    void listShowsTheSampleItemsInDateOrder() {
        SampleWorkspace.copyTo(dir);

        CliRun run = CliRun.run("--workspace", dir.toString(), "news", "list", "--month", "2022-08");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(3);
        assertThat(run.out().lines().map(line -> line.substring(0, 10)))
                .containsExactly("2022-08-12", "2022-08-20", "2022-08-27");
        assertThat(run.out()).contains("Tombouctou", "Kangaba", "Ségou");
    }

    @Test
    void newWritesASkeletonThatPreviewAccepts() {
        SampleWorkspace.copyTo(dir);

        CliRun created = CliRun.run("--workspace", dir.toString(), "news", "new", "--title", "Atelier à Mopti",
                "--place", "Mopti", "--date", "2022-09-05");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out().strip()).endsWith("2022-09-05-mopti.md");

        CliRun preview = CliRun.run("--workspace", dir.toString(), "preview");
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.err()).contains("2022-09", "1 news item,");
    }
}
