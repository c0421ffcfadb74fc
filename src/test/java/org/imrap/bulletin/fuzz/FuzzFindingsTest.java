package org.imrap.bulletin.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.news.NewsFile;
import org.imrap.bulletin.news.NewsItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the fuzz pass found, each kept as an example that failed before its fix. */
class FuzzFindingsTest {
    @TempDir
    Path dir;

    private Optional<NewsItem> read(String content, List<Problem> problems) throws IOException {
        return NewsFile.read(Files.writeString(dir.resolve("2022-08-30-x.md"), content), problems);
    }

    /**
     * snakeyaml-engine 2.10, which read the front matter before bulletin read it line by line, threw
     * IndexOutOfBoundsException when a surrogate pair straddled its 1,024-character buffer.
     */
    @Test
    void anEmojiWhereSnakeyamlsBufferEndedIsRead() throws IOException {
        for (int before = 1015; before < 1025; before++) {
            String summary = "x".repeat(before - "summary: ".length()) + "\uD83C\uDDF2\uD83C\uDDF1 Mali".repeat(3);
            List<Problem> problems = new ArrayList<>();

            Optional<NewsItem> item = read("---\n" + summary.replaceFirst("^", "summary: ")
                    + "\ntitle: T\nplace: P\ndate: 2022-08-30\n---\nTexte.\n", problems);

            assertThat(problems).as("front matter with the emoji at " + before).isEmpty();
            assertThat(item.orElseThrow().summary()).endsWith("\uD83C\uDDF2\uD83C\uDDF1 Mali");
        }
    }
}
