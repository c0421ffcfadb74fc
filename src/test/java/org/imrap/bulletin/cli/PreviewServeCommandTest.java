package org.imrap.bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.imrap.bulletin.SampleWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewServeCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void copySample() {
        SampleWorkspace.copyTo(dir);
    }

    @Test
    void servesUntilStoppedPrintingItsAddressAndWritingNoFile() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] code = {-1};
        Thread command = new Thread(() -> code[0] = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of(), Clock.systemDefaultZone(), "--workspace", dir.toString(), "preview", "--serve", "--port", "0",
                "--recipient", "awa.traore@example.org"));
        command.start();
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!out.toString().contains("\n") && System.nanoTime() < end && command.isAlive()) {
            Thread.sleep(20);
        }
        URI address = URI.create(out.toString().strip());
        assertThat(address.toString()).matches("http://127\\.0\\.0\\.1:[1-9][0-9]*/");
        assertThat(err.toString()).contains("Live preview on " + address, "Ctrl-C stops it")
                .as("no browser without a display").doesNotContain("Opened");

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(address).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<option value=\"awa.traore@example.org\" selected>");

        command.interrupt();
        command.join(10_000);

        assertThat(command.isAlive()).isFalse();
        assertThat(code[0]).as(err.toString()).isZero();
        assertThat(err.toString()).contains("Live preview stopped.");
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void portWithoutServeIsAUsageError() {
        CliRun run = CliRun.run("--workspace", dir.toString(), "preview", "--port", "8080");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--port goes with --serve only");
    }

    @Test
    void outWithServeIsAUsageError() {
        CliRun run = CliRun.run("--workspace", dir.toString(), "preview", "--serve", "--out", dir.resolve("x").toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--out has no use with --serve");
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        CliRun run = CliRun.run("--workspace", dir.toString(), "preview", "--serve", "--port", "70000");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("between 0 and 65535");
    }

    @Test
    void theHelpSaysItInFrenchToo() {
        CliRun run = CliRun.run("--lang", "fr", "preview", "--help");

        assertThat(run.out()).contains("--serve", "aperçu en direct sur 127.0.0.1", "--port=N");
    }
}
