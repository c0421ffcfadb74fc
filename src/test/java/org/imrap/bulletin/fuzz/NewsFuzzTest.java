package org.imrap.bulletin.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.news.NewsFile;
import org.imrap.bulletin.news.NewsFolder;
import org.imrap.bulletin.news.NewsItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz pass over news files (front matter and Markdown): whatever a file holds, reading it gives
 * an item or problems naming the file, and reading the folder gives items or bulletin's own error.
 */
class NewsFuzzTest {
    private static final Duration BUDGET = Duration.ofSeconds(3);

    @TempDir
    Path dir;
    private Path news;
    private Path file;

    @BeforeEach
    void folder() throws IOException {
        news = Files.createDirectories(dir.resolve("news"));
        file = news.resolve("2022-08-30-fuzz.md");
    }

    /** The sample items, and a few that use what the samples do not. */
    private static List<byte[]> corpus() {
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> samples = Files.list(Path.of("news"))) {
            for (Path sample : samples.sorted().toList()) {
                files.add(Files.readAllBytes(sample));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.add(("---\ntitle: \"Guillemets : « paix »\"\nplace: 'Ségou'\ndate: 2022-08-01\nimage: photo.png\n"
                + "summary: >\n  Plié\n  sur deux lignes\n---\n# Titre\n\n> cité\n> > deux fois\n\n- un\n  - deux\n\n"
                + "1. *a* **b** `c` [d](https://example.org) ![e](f.png)\n\n```\ncode\n```\n").getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private void check(byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Problem> problems = new ArrayList<>();
        Fuzz.expectResultOrBulletinError(() -> {
            Optional<NewsItem> item = NewsFile.read(file, problems);
            assertThat(item.isPresent()).as("an item, or problems").isNotEqualTo(!problems.isEmpty());
            assertThat(problems).allSatisfy(problem -> {
                assertThat(problem.file()).isEqualTo(file);
                assertThat(problem.line()).isNotNegative();
                assertThat(problem.message()).isNotBlank();
            });
        });
        Fuzz.expectResultOrBulletinError(() -> new NewsFolder(news).readAll());
    }

    @Test
    void mutatedNewsFilesAreReadOrRefused() {
        List<byte[]> corpus = corpus();
        Fuzz.run("news-mutated", 3000, BUDGET,
                random -> Mutations.mutate(random, corpus.get(random.nextInt(corpus.size())), corpus), this::check);
    }

    @Test
    void generatedFrontMatterIsReadOrRefused() {
        Fuzz.run("news-front-matter", 3000, BUDGET, random -> {
            StringBuilder text = new StringBuilder("---\n");
            int fields = random.nextInt(8);
            for (int i = 0; i < fields; i++) {
                text.append(indent(random)).append(key(random)).append(':').append(random.nextInt(8) == 0 ? "" : " ")
                        .append(yamlValue(random, 0)).append('\n');
            }
            text.append(random.nextInt(20) == 0 ? "" : "---\n").append(Texts.words(random, random.nextInt(30)));
            return encode(random, text.toString());
        }, this::check);
    }

    @Test
    void generatedMarkdownIsRenderedOrRefused() {
        Fuzz.run("news-markdown", 2000, BUDGET, random -> {
            StringBuilder text = new StringBuilder("---\ntitle: Titre\nplace: Kangaba\ndate: 2022-08-30\n---\n");
            int pieces = 1 + random.nextInt(40);
            for (int i = 0; i < pieces; i++) {
                text.append(markdownPiece(random));
            }
            return encode(random, text.toString());
        }, this::check);
    }

    @Test
    void arbitraryTextInEveryPartIsReadOrRefused() {
        Fuzz.run("news-arbitrary", 2000, BUDGET, random -> {
            String text = "---\ntitle: " + Texts.arbitrary(random, random.nextInt(30)) + "\nplace: "
                    + Texts.arbitrary(random, random.nextInt(10)) + "\ndate: " + Texts.arbitrary(random, random.nextInt(12))
                    + "\n" + (random.nextBoolean() ? "link: " + Texts.arbitrary(random, random.nextInt(20)) + "\n" : "")
                    + "---\n" + Texts.arbitrary(random, random.nextInt(2000));
            return random.nextInt(4) == 0 ? Mutations.randomBytes(random, random.nextInt(3000))
                    : text.getBytes(StandardCharsets.UTF_8);
        }, this::check);
    }

    private static String indent(Random random) {
        return random.nextInt(6) == 0 ? " ".repeat(1 + random.nextInt(4)) : "";
    }

    private static String key(Random random) {
        String[] keys = {"title", "place", "date", "link", "image", "summary", "title", "autre", "", "? a", "[a, b]",
            "\"title\"", "&k title", "*k", "!!str date"};
        return keys[random.nextInt(keys.length)];
    }

    /** A YAML value: a plain word, a date, a quoted string, a block scalar, nested flow collections, anchors and aliases, tags. */
    private static String yamlValue(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 5 : 11)) {
            case 0 -> Texts.words(random, 1 + random.nextInt(6));
            case 1 -> random.nextBoolean() ? "2022-08-" + (10 + random.nextInt(25)) : "2022-0" + random.nextInt(10) + "-3";
            case 2 -> "\"" + Texts.arbitrary(random, random.nextInt(20)).replace("\"", "\\\"") + "\"";
            case 3 -> "'" + Texts.words(random, 3) + "'";
            case 4 -> "https://example.org/" + Texts.words(random, 1);
            case 5 -> "[" + yamlValue(random, depth + 1) + ", " + yamlValue(random, depth + 1) + "]";
            case 6 -> "{a: " + yamlValue(random, depth + 1) + "}";
            case 7 -> Mutations.token(random).repeat(1 + random.nextInt(random.nextBoolean() ? 10 : 25000));
            case 8 -> "&x " + yamlValue(random, depth + 1) + (random.nextBoolean() ? "" : " *x");
            case 9 -> "|\n  " + Texts.words(random, 5) + "\n  " + Texts.words(random, 3);
            default -> "!!" + Texts.words(random, 1) + " " + yamlValue(random, depth + 1);
        };
    }

    /** A piece of Markdown, sometimes repeated thousands of times to nest. */
    private static String markdownPiece(Random random) {
        String[] pieces = {"> ", ">", "- ", "* ", "1. ", "  ", "    ", "\n", "\n\n", "*", "**", "_", "__", "[", "]",
            "](https://example.org)", "![", "](x.png)", "`", "```\n", "<", "<b>", "</b>", "<!--", "-->", "\\", "#",
            "# ", "---\n", "===\n", "|", "&amp;", "&#x0;", "http://", "<https://example.org>", "« ", " »", " ?",
            " :"};
        String piece = random.nextInt(4) == 0 ? Texts.words(random, 1 + random.nextInt(8))
                : pieces[random.nextInt(pieces.length)];
        int times = random.nextInt(10) == 0 ? 1 + random.nextInt(3000) : 1;
        return piece.repeat(times);
    }

    /** Mostly UTF-8; sometimes with a byte-order mark, Windows-1252 or Windows line endings. */
    private static byte[] encode(Random random, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(8)) {
            case 0 -> Mutations.insert(bytes, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            case 1 -> Mutations.reencode(bytes, java.nio.charset.Charset.forName("windows-1252"));
            case 2 -> Mutations.lineEndings(bytes, "\r\n");
            default -> bytes;
        };
    }
}
