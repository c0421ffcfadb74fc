package org.imrap.bulletin.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.imrap.bulletin.SampleWorkspace;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A line break smuggled through any value a user controls — a CSV column, a news item's front matter,
 * a setting — never becomes a header: the value is refused with its file and line, and nothing that
 * carries it is sent.
 */
class HeaderInjectionTest {
    private static final String INJECTION = "x\r\nBcc: victim@evil.example";

    @TempDir
    Path dir;

    private CliRun sandboxSend() {
        return CliRun.run("--workspace", dir.toString(), "send", "--month", "2022-08");
    }

    private void assertNothingCarriesTheInjection() throws IOException {
        Path sent = dir.resolve("out/sandbox/2022-08");
        if (!Files.exists(sent)) {
            return;
        }
        try (Stream<Path> files = Files.list(sent)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                assertThat(Files.readString(file)).doesNotContain("evil.example");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"email", "name", "organisation", "language", "salutation", "ville"})
    void throughEveryCsvColumn(String column) throws IOException {
        SampleWorkspace.copyTo(dir);
        Path list = dir.resolve("recipients/journalistes.csv");
        String[] columns = {"email", "name", "organisation", "language", "salutation", "ville"};
        StringBuilder row = new StringBuilder();
        for (String c : columns) {
            String value = c.equals(column) ? INJECTION : c.equals("email") ? "injecte@example.org" : "valeur";
            row.append(row.length() == 0 ? "" : ",").append('"').append(value).append('"');
        }
        Files.writeString(list, String.join(",", columns) + "\n" + row + "\nsain@example.org,Sain,O,fr,,Bamako\n");

        CliRun check = CliRun.run("--workspace", dir.toString(), "lists", "check");
        assertThat(check.exitCode()).isEqualTo(65);
        assertThat(check.out()).contains("recipients/journalistes.csv:2:", "control character");

        CliRun send = sandboxSend();
        assertThat(send.exitCode()).as(send.all()).isZero();
        assertThat(send.err()).contains("1 invalid row left out");
        assertThat(dir.resolve("out/sandbox/2022-08/sain@example.org.eml")).exists();
        assertThat(dir.resolve("out/sandbox/2022-08/injecte@example.org.eml")).doesNotExist();
        assertNothingCarriesTheInjection();
    }

    @ParameterizedTest
    @ValueSource(strings = {"title", "place", "link", "image", "summary"})
    void throughEveryFrontMatterField(String field) throws IOException {
        SampleWorkspace.copyTo(dir);
        String value = "\"https://example.org/\\r\\nBcc: victim@evil.example\"";
        StringBuilder item = new StringBuilder("---\n");
        for (String f : new String[] {"title", "place", "date", "link", "image", "summary"}) {
            String v = f.equals(field) ? value : switch (f) {
                case "date" -> "2022-08-30";
                case "link" -> "https://example.org/";
                case "image" -> "";
                default -> "Valeur";
            };
            if (!v.isEmpty()) {
                item.append(f).append(": ").append(v).append('\n');
            }
        }
        item.append("---\nTexte.\n");
        Files.writeString(dir.resolve("news/2022-08-30-bamako.md"), item);

        CliRun send = sandboxSend();

        assertThat(send.exitCode()).as(send.all()).isEqualTo(65);
        assertThat(send.err()).contains("2022-08-30-bamako.md:", "control character");
        assertThat(dir.resolve("out/sandbox/2022-08")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sender.name", "sender.email", "sender.replyTo", "list.name", "feedback.id",
        "unsubscribe.mailto"})
    void throughEverySettingThatReachesAHeader(String key) throws IOException {
        SampleWorkspace.copyTo(dir);
        Files.writeString(dir.resolve("bulletin.properties"), "\n" + key + "=bulletin@imrap-mali.org\\r\\nBcc: victim@evil.example\n",
                StandardOpenOption.APPEND);

        CliRun send = sandboxSend();

        assertThat(send.exitCode()).as(send.all()).isEqualTo(78);
        int lastLine = Files.readAllLines(dir.resolve("bulletin.properties")).size();
        assertThat(send.err()).contains("bulletin.properties:" + lastLine + ":", "control character");
        assertThat(dir.resolve("out/sandbox")).doesNotExist();
    }
}
