package org.imrap.bulletin.news;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewsFileTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private List<Problem> problemsOf(Path file) {
        List<Problem> problems = new ArrayList<>();
        Optional<NewsItem> item = NewsFile.read(file, problems);
        assertThat(item).as("no item from a bad file").isEmpty();
        return problems;
    }

    @Test
    void readsFrontMatterAndRendersTheBody() throws IOException {
        Path path = file("2022-08-20-kangaba.md", """
                ---
                title: Formation des collecteurs de récits de changements
                place: Kangaba
                date: 2022-08-20
                link: https://www.facebook.com/institutmalienpourlapaix
                ---
                Du 16 au 20 août 2022 à *Kangaba*, voir [la page](https://example.org/page).
                """);
        List<Problem> problems = new ArrayList<>();
        NewsItem item = NewsFile.read(path, problems).orElseThrow();

        assertThat(problems).isEmpty();
        assertThat(item.title()).isEqualTo("Formation des collecteurs de récits de changements");
        assertThat(item.place()).isEqualTo("Kangaba");
        assertThat(item.date()).isEqualTo(LocalDate.of(2022, 8, 20));
        assertThat(item.link()).isEqualTo("https://www.facebook.com/institutmalienpourlapaix");
        assertThat(item.summary()).isNull();
        assertThat(item.headline()).isEqualTo(item.title());
        assertThat(item.body().html()).contains("<em>Kangaba</em>", "href=\"https://example.org/page\">la page</a>");
        assertThat(item.body().text()).isEqualTo("Du 16 au 20 août 2022 à Kangaba, voir la page <https://example.org/page>.");
    }

    @Test
    void aFileWithoutFrontMatterIsRefusedAtLineOne() throws IOException {
        List<Problem> problems = problemsOf(file("a.md", "Juste du texte.\n"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).contains("no front matter");
        });
    }

    @Test
    void anUnclosedFrontMatterIsRefused() throws IOException {
        List<Problem> problems = problemsOf(file("a.md", "---\ntitle: T\nplace: P\ndate: 2022-08-01\nTexte\n"));

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).contains("never closed"));
    }

    @Test
    void eachMissingRequiredFieldIsReported() throws IOException {
        List<Problem> problems = problemsOf(file("a.md", "---\ntitle: T\n---\nTexte\n"));

        assertThat(problems).extracting(Problem::message).containsExactly(
                "the required field 'place' is missing in the front matter",
                "the required field 'date' is missing in the front matter");
    }

    @Test
    void aBadDateIsReportedOnItsLine() throws IOException {
        List<Problem> problems = problemsOf(file("a.md", "---\ntitle: T\nplace: P\ndate: 2022-13-45\n---\nTexte\n"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("'2022-13-45' is not a date");
        });
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() throws IOException {
        byte[] latin1 = "---\ntitle: T\nplace: S\u00e9gou\ndate: 2022-08-01\n---\nTexte\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path path = Files.write(dir.resolve("a.md"), latin1);

        assertThat(problemsOf(path)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("not valid UTF-8", "0xE9");
        });
    }

    @Test
    void aLineThatIsNoFieldIsReportedWithItsLine() throws IOException {
        List<Problem> problems = problemsOf(file("a.md", "---\ntitle: T\nplace: P\n[a, b]\ndate: 2022-08-01\n---\nTexte\n"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("'[a, b]' is not a field");
            assertThat(p.line()).isEqualTo(4);
        });
    }

    @Test
    void unknownAndRepeatedFieldsAndBadLinksAreReported() throws IOException {
        List<Problem> problems = problemsOf(file("a.md",
                "---\ntitle: T\nplace: P\ndate: 2022-08-01\nlien: x\nlink: javascript:alert(1)\ntitle: U\n---\nTexte\n"));

        assertThat(problems).extracting(Problem::line).containsExactly(5, 6, 7);
        assertThat(problems).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("unknown field 'lien'"))
                .anySatisfy(m -> assertThat(m).contains("given twice"))
                .anySatisfy(m -> assertThat(m).contains("must be a web address"));
    }

    @Test
    void aLineBreakInsideAFieldIsRefused() throws IOException {
        List<Problem> problems = problemsOf(file("a.md",
                "---\ntitle: \"Titre\\r\\nBcc: x@evil.example\"\nplace: P\ndate: 2022-08-01\n---\nTexte\n"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("control character (CR");
        });
    }

    @Test
    void anItemWithoutTextIsRefused() throws IOException {
        List<Problem> problems = problemsOf(file("a.md", "---\ntitle: T\nplace: P\ndate: 2022-08-01\n---\n\n"));

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).contains("no text"));
    }

    @Test
    void theFolderReportsEveryBadFileInOneRun() throws IOException {
        file("2022-08-01-good.md", "---\ntitle: T\nplace: P\ndate: 2022-08-01\n---\nTexte\n");
        file("bad-one.md", "---\ntitle: T\nplace: P\n---\nTexte\n");
        file("bad-two.md", "---\ntitle: T\nplace: P\ndate: hier\n---\nTexte\n");
        file("notes.md", "pas de front matter, pas de date: pas une actualité\n");
        file("notes.txt", "not a news file");

        assertThatThrownBy(() -> new NewsFolder(dir).readAll())
                .isInstanceOfSatisfying(BadDataException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
                    assertThat(e.getMessage()).isEqualTo("2 news files cannot be used");
                    assertThat(e.problems()).extracting(p -> p.file().getFileName().toString())
                            .containsExactly("bad-one.md", "bad-two.md");
                });
    }

    @Test
    void selectsTheLatestMonthByDefaultAndSortsByDate() throws IOException {
        file("b.md", "---\ntitle: B\nplace: P\ndate: 2022-09-20\n---\nTexte\n");
        file("a.md", "---\ntitle: A\nplace: P\ndate: 2022-09-02\n---\nTexte\n");
        file("old.md", "---\ntitle: Old\nplace: P\ndate: 2022-08-31\n---\nTexte\n");
        NewsFolder folder = new NewsFolder(dir);

        MonthOfNews latest = folder.select(Optional.empty());
        assertThat(latest.month()).isEqualTo(YearMonth.of(2022, 9));
        assertThat(latest.items()).extracting(NewsItem::title).containsExactly("A", "B");
        assertThat(folder.select(Optional.of(YearMonth.of(2022, 8))).items()).extracting(NewsItem::title)
                .containsExactly("Old");
    }

    @Test
    void aMonthWithoutItemsNamesTheMonthsThatHaveSome() throws IOException {
        file("a.md", "---\ntitle: A\nplace: P\ndate: 2022-08-02\n---\nTexte\n");

        assertThatThrownBy(() -> new NewsFolder(dir).select(Optional.of(YearMonth.of(2023, 1))))
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.NO_INPUT);
                    assertThat(e.getMessage()).contains("no news items dated 2023-01");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("2022-08"));
                });
    }

    @Test
    void createsASkeletonThatReadsBackAndGivesASecondItemOfThePlaceAndDayItsOwnName() {
        NewsFolder folder = new NewsFolder(dir);
        Path created = folder.create(skeleton("Atelier \"paix\" à Ségou"), dir.getParent()).file();

        assertThat(created.getFileName().toString()).isEqualTo("2022-09-03-segou.md");
        assertThat(folder.readAll()).singleElement().satisfies(item -> {
            assertThat(item.title()).isEqualTo("Atelier \"paix\" à Ségou");
            assertThat(item.place()).isEqualTo("Ségou");
            assertThat(item.placeholder()).as("the skeleton's text is recognised").isPresent();
        });
        Path second = folder.create(skeleton("Autre"), dir.getParent()).file();
        assertThat(second.getFileName().toString()).isEqualTo("2022-09-03-segou-2.md");
        assertThat(created).content().contains("Atelier \"paix\" à Ségou");
    }

    @Test
    void aSkeletonKeepsValuesThatLookLikeYamlQuotingAsTyped() {
        NewsFolder folder = new NewsFolder(dir);
        folder.create(new Skeleton("\"Paix\" : « Kidal »", "'Ségou'", LocalDate.of(2022, 9, 3), Optional.empty(),
                Optional.of("# Nouveau : * les femmes"), Optional.empty()), dir.getParent());

        assertThat(folder.readAll()).singleElement().satisfies(item -> {
            assertThat(item.title()).isEqualTo("\"Paix\" : « Kidal »");
            assertThat(item.place()).isEqualTo("'Ségou'");
            assertThat(item.summary()).isEqualTo("# Nouveau : * les femmes");
        });
    }

    private static Skeleton skeleton(String title) {
        return new Skeleton(title, "Ségou", LocalDate.of(2022, 9, 3), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private NewsItem itemOf(String frontMatter) throws IOException {
        List<Problem> problems = new ArrayList<>();
        Optional<NewsItem> item = NewsFile.read(file("2022-08-20-x.md", "---\n" + frontMatter + "---\nTexte.\n"), problems);
        assertThat(problems).isEmpty();
        return item.orElseThrow();
    }

    @Test
    void valuesAreReadAsWrittenWhateverYamlWouldMakeOfThem() throws IOException {
        NewsItem item = itemOf("""
                title: Réunion : les femmes de Kidal
                place: N'Tomikorobougou
                date: 2022-08-20
                summary: #paix « Kidal » : *Nouveau* & [vidéo] {live} | ! % @ `x` ? - >
                """);

        assertThat(item.title()).isEqualTo("Réunion : les femmes de Kidal");
        assertThat(item.place()).isEqualTo("N'Tomikorobougou");
        assertThat(item.summary()).isEqualTo("#paix « Kidal » : *Nouveau* & [vidéo] {live} | ! % @ `x` ? - >");
    }

    @Test
    void aLeadingStarOrQuoteMarkIsText() throws IOException {
        NewsItem item = itemOf("title: * les femmes de Kidal\nplace: 'Kidal, l'espoir'\ndate: 2022-08-20\n"
                + "summary: \"Paix\" et \"justice\"\n");

        assertThat(item.title()).isEqualTo("* les femmes de Kidal");
        assertThat(item.place()).as("a lone apostrophe inside: the quotes were text").isEqualTo("'Kidal, l'espoir'");
        assertThat(item.summary()).isEqualTo("\"Paix\" et \"justice\"");
    }

    @Test
    void yamlQuotingIsHonoured() throws IOException {
        NewsItem item = itemOf("title: \"Réunion : \\u00ab paix \\u00bb \\\"ici\\\"\"\nplace: 'L''Hôtel de ville'\n"
                + "date: \"2022-08-20\"\n");

        assertThat(item.title()).isEqualTo("Réunion : « paix » \"ici\"");
        assertThat(item.place()).isEqualTo("L'Hôtel de ville");
        assertThat(item.date()).isEqualTo(LocalDate.of(2022, 8, 20));
    }

    @Test
    void indentedLinesContinueAFieldAndCommentsAreSkipped() throws IOException {
        NewsItem item = itemOf("# un commentaire\nTitle : Formation\n  des collecteurs\nplace: Kangaba\ndate: 20/08/2022\n"
                + "summary: >\n  Plié\n  sur deux lignes\n");

        assertThat(item.title()).isEqualTo("Formation des collecteurs");
        assertThat(item.date()).isEqualTo(LocalDate.of(2022, 8, 20));
        assertThat(item.summary()).isEqualTo("Plié sur deux lignes");
    }

    @Test
    void whatStillCannotBeReadIsReportedOnItsLineWithTheWayToFixIt() throws IOException {
        List<Problem> problems = problemsOf(file("a.md",
                "---\ntitle: \"C:\\dossier\"\nplace: P\n- élément\ndate: 2022-08-01\ndraft: peut-être\n---\nTexte\n"));

        assertThat(problems).extracting(Problem::line).containsExactly(2, 4, 6);
        assertThat(problems.get(0).message()).contains("\\d", "remove the quotes");
        assertThat(problems.get(1).message()).contains("'- élément' is not a field", "'name: value'");
        assertThat(problems.get(2).message()).contains("draft: true");
    }
}
