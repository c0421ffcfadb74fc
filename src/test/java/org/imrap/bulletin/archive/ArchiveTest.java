package org.imrap.bulletin.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.imrap.bulletin.SampleWorkspace;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** bulletin archive, through the command line: what the site holds, what it never holds, and its bytes. */
class ArchiveTest {
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String JOURNAL_HEADER = "time,campaign,list,email,status,reply,message_id,content_hash\n";

    @TempDir
    Path dir;
    Path site;

    @BeforeEach
    void sampleWithThreeMonthsOfNews() {
        SampleWorkspace.copyTo(dir);
        site = dir.resolve("out/site");
        news("2022-07-15-bamako.md", "Paix & sécurité : « <dialogue> » à Bamako", "Bamako", "2022-07-15", "");
        news("2022-09-03-mopti.md", "Rencontre de septembre à Mopti", "Mopti", "2022-09-03", "");
        journal("journal/2022-07.csv", "2022-07", "sent");
        journal("journal/2022-08.csv", "2022-08", "deferred", "sent");
        // September: tried, never delivered; and sent to the sandbox only, which is no send.
        journal("journal/2022-09.csv", "2022-09", "deferred", "failed");
        journal("out/sandbox/journal/2022-09.csv", "2022-09", "sent");
    }

    private void news(String file, String title, String place, String date, String more) {
        SampleWorkspace.write(dir.resolve("news").resolve(file), "---\ntitle: " + title + "\nplace: " + place
                + "\ndate: " + date + "\n" + more + "---\nTexte de l'actualité de " + place + ".\n");
    }

    private void journal(String file, String campaign, String... statuses) {
        StringBuilder rows = new StringBuilder(JOURNAL_HEADER);
        int n = 0;
        for (String status : statuses) {
            rows.append("2022-09-01T08:00:0").append(n).append("Z,").append(campaign).append(",partners,personne").append(n)
                    .append("@example.org,").append(status).append(",250 OK,<").append(n).append("@imrap-mali.org>,0123456789abcdef\n");
            n++;
        }
        SampleWorkspace.write(dir.resolve(file), rows.toString());
    }

    private CliRun archive(String... args) {
        return archive(Clock.systemUTC(), args);
    }

    private CliRun archive(Clock clock, String... args) {
        List<String> all = new ArrayList<>(List.of("--workspace", dir.toString(), "archive"));
        all.addAll(List.of(args));
        return CliRun.run(Map.of(), clock, all.toArray(String[]::new));
    }

    private String read(String name) throws IOException {
        return Files.readString(site.resolve(name));
    }

    /** Every file under {@code root}, by its path from there, with its bytes. */
    private static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    @Test
    void theSiteHoldsEveryMonthSentNewestFirstWithItsItemsPlacesAndTitles() throws IOException {
        CliRun run = archive();

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out().strip()).endsWith("index.html");
        assertThat(run.err()).contains("2 bulletins (2022-08, 2022-07)", "rsync");
        String index = read("index.html");
        assertThat(index).contains("<html lang=\"fr\">", "Tous les bulletins, du plus récent au plus ancien",
                "href=\"2022-08/index.html\"", "href=\"2022-07/index.html\"", "href=\"feed.xml\"",
                "<strong>Kangaba&nbsp;:</strong> Formation des collecteurs de récits de changements",
                "<strong>Bamako&nbsp;:</strong> Paix &amp; sécurité : « &lt;dialogue&gt; » à Bamako");
        assertThat(index.indexOf("2022-08/index.html")).isLessThan(index.indexOf("2022-07/index.html"));
        assertThat(read("2022-08/index.html")).contains("Bulletin d'information · août 2022", "SÉGOU",
                "Du 16 au 20 août 2022 à Kangaba", "href=\"../index.html\"");
        assertThat(read("2022-07/index.html")).contains("BAMAKO", "Texte de l'actualité de Bamako.");
        // Links are relative, and nothing needs a script.
        for (String page : List.of("index.html", "2022-08/index.html", "2022-07/index.html")) {
            assertThat(read(page)).doesNotContainIgnoringCase("<script").doesNotContain("file:", "cid:", dir.toString());
        }
    }

    @Test
    void aMonthNeverSentIsNotInTheSiteAndTheSandboxDoesNotCount() throws IOException {
        CliRun run = archive();

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(site.resolve("2022-09")).doesNotExist();
        assertThat(read("index.html") + read("feed.xml")).doesNotContain("2022-09", "Mopti", "septembre");
    }

    @Test
    void aMonthNamedWithMonthIsPublishedBeforeItsSend() throws IOException {
        CliRun run = archive("--month", "2022-09");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(read("2022-09/index.html")).contains("MOPTI", "Rencontre de septembre à Mopti");
        assertThat(read("index.html")).contains("href=\"2022-09/index.html\"");
        assertThat(read("feed.xml")).contains("2022-09/index.html");
    }

    @Test
    void aDraftIsNeverPublished() throws IOException {
        news("2022-08-29-kayes.md", "Brouillon de Kayes", "Kayes", "2022-08-29", "draft: true\n");

        CliRun run = archive();

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).contains("2022-08-29-kayes.md: a draft (draft: true): not sent");
        for (String file : List.of("index.html", "feed.xml", "2022-08/index.html")) {
            assertThat(read(file)).as(file).doesNotContain("Kayes", "KAYES", "brouillon", "BROUILLON");
        }
        assertThat(read("2022-08/index.html")).contains("SÉGOU");
    }

    @Test
    void thePagesHoldNoReadersNameAddressOrToken() throws IOException {
        SampleWorkspace.write(dir.resolve("bulletin.properties"), Files.readString(dir.resolve("bulletin.properties"))
                + "\nunsubscribe.url=https://www.imrap-mali.org/desabonnement\n");
        // A template that shows the reader's address and a column: in the mail it names the person; on the web, nobody.
        Path footer = dir.resolve("templates/footer.html.mustache");
        Files.writeString(footer, Files.readString(footer) + "<p>Envoyé à {{recipient.email}} ({{recipient.organisation}})</p>\n");

        CliRun run = archive();

        assertThat(run.exitCode()).as(run.all()).isZero();
        List<String> personal = new ArrayList<>();
        for (String list : List.of("partners", "donors", "authorities", "unsubscribed")) {
            for (String row : Files.readAllLines(dir.resolve("recipients/" + list + ".csv"))) {
                for (String value : row.split("[,;]")) {
                    String cell = value.replace("\"", "").replace("\uFEFF", "").strip();
                    if (cell.contains("@") || cell.contains(" ")) {
                        personal.add(cell);
                    }
                }
            }
        }
        assertThat(personal).contains("awa.traore@example.org", "Awa Traoré", "Monsieur le Gouverneur", "ONG Kènè");
        Map<String, byte[]> files = tree(site);
        assertThat(files).containsKeys("index.html", "feed.xml", "2022-08/index.html", "2022-07/index.html");
        for (var file : files.entrySet()) {
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            assertThat(text).as(file.getKey()).doesNotContain(personal.toArray(String[]::new))
                    .doesNotContain("désabonn", "desabonnement", "Se désabonner", "token", "jeton", "Bonjour");
        }
        assertThat(read("2022-08/index.html")).contains("Chères lectrices, chers lecteurs,", "<p>Envoyé à  ()</p>");
    }

    @Test
    void theGreetingIsArchiveGreeting() throws IOException {
        SampleWorkspace.write(dir.resolve("bulletin.properties"), Files.readString(dir.resolve("bulletin.properties"))
                + "\narchive.greeting=Bonne lecture à toutes et à tous ({{organisation.shortName}}),\n");

        assertThat(archive().exitCode()).isZero();

        assertThat(read("2022-08/index.html")).contains("Bonne lecture à toutes et à tous (IMRAP),")
                .doesNotContain("Chères lectrices");
    }

    @Test
    void runningItAgainGivesTheSameBytesAndRewritesNothing() throws IOException {
        SampleWorkspace.write(dir.resolve("news/images/photo.png"), "");
        Files.write(dir.resolve("news/images/photo.png"), SampleWorkspace.tinyPng());
        news("2022-07-20-kati.md", "Photo de Kati", "Kati", "2022-07-20", "image: news/images/photo.png\n");
        Path other = dir.resolve("elsewhere/site");

        CliRun first = archive(Clock.fixed(Instant.parse("2023-01-05T10:00:00Z"), ZoneOffset.UTC));
        CliRun elsewhere = archive(Clock.fixed(Instant.parse("2031-06-30T23:59:59Z"), ZoneOffset.ofHours(-7)),
                "--out", other.toString());

        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(elsewhere.exitCode()).as(elsewhere.all()).isZero();
        Map<String, byte[]> here = tree(site);
        Map<String, byte[]> there = tree(other);
        assertThat(there.keySet()).isEqualTo(here.keySet());
        for (String name : here.keySet()) {
            assertThat(there.get(name)).as(name).isEqualTo(here.get(name));
            if (!name.endsWith(".png")) {
                assertThat(new String(here.get(name), StandardCharsets.UTF_8)).as(name).doesNotContain("\r");
            }
        }

        Map<String, FileTime> times = new TreeMap<>();
        for (String name : here.keySet()) {
            Files.setLastModifiedTime(site.resolve(name), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
            times.put(name, Files.getLastModifiedTime(site.resolve(name)));
        }
        CliRun again = archive();

        assertThat(again.err()).contains("0 files written, " + here.size() + " unchanged, 0 removed");
        for (String name : here.keySet()) {
            assertThat(Files.getLastModifiedTime(site.resolve(name))).as(name).isEqualTo(times.get(name));
        }
    }

    @Test
    void imagesAreFilesBesideThePageNamedByTheirContent() throws IOException {
        Files.createDirectories(dir.resolve("news/images"));
        Files.write(dir.resolve("news/images/photo.png"), SampleWorkspace.tinyPng());
        news("2022-07-20-kati.md", "Photo de Kati", "Kati", "2022-07-20", "image: news/images/photo.png\n");

        assertThat(archive().exitCode()).isZero();

        Matcher src = Pattern.compile("<img src=\"([^\"]+)\"").matcher(read("2022-07/index.html"));
        assertThat(src.find()).isTrue();
        assertThat(src.group(1)).matches("[0-9a-f]{16}\\.png");
        assertThat(site.resolve("2022-07").resolve(src.group(1))).hasBinaryContent(SampleWorkspace.tinyPng());
        assertThat(read("2022-07/index.html")).doesNotContain("cid:", "news/images");
        assertThat(Files.getPosixFilePermissions(site.resolve("2022-07").resolve(src.group(1))))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.getPosixFilePermissions(site.resolve("index.html")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void theFeedIsAtomWithOneEntryPerBulletinDatedByItsContent() throws Exception {
        assertThat(archive().exitCode()).isZero();

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document feed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(site.resolve("feed.xml"))));
        Element root = feed.getDocumentElement();

        assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(root.getLocalName()).isEqualTo("feed");
        assertThat(child(root, "id")).startsWith("urn:uuid:");
        assertThat(child(root, "title")).isEqualTo("Bulletin d'information IMRAP");
        assertThat(child(root, "updated")).isEqualTo("2022-08-27T00:00:00Z");
        assertThat(((Element) root.getElementsByTagNameNS(ATOM, "author").item(0)).getElementsByTagNameNS(ATOM, "name")
                .item(0).getTextContent()).isEqualTo("Institut Malien de Recherche Action pour la Paix");
        NodeList entries = root.getElementsByTagNameNS(ATOM, "entry");
        assertThat(entries.getLength()).isEqualTo(2);
        Element august = (Element) entries.item(0);
        Element july = (Element) entries.item(1);
        assertThat(child(august, "title")).isEqualTo("Bulletin d'information de l'IMRAP – août 2022");
        assertThat(child(august, "updated")).isEqualTo("2022-08-27T00:00:00Z");
        assertThat(child(july, "updated")).isEqualTo("2022-07-15T00:00:00Z");
        assertThat(child(july, "summary")).isEqualTo("Bamako : Paix & sécurité : « <dialogue> » à Bamako");
        assertThat(child(august, "id")).startsWith("urn:uuid:").isNotEqualTo(child(july, "id")).isNotEqualTo(child(root, "id"));
        Element link = (Element) august.getElementsByTagNameNS(ATOM, "link").item(0);
        assertThat(link.getAttribute("rel")).isEqualTo("alternate");
        assertThat(link.getAttribute("href")).isEqualTo("2022-08/index.html");
        assertThat(site.resolve(link.getAttribute("href"))).isRegularFile();
    }

    private static String child(Element parent, String name) {
        NodeList found = parent.getElementsByTagNameNS(ATOM, name);
        assertThat(found.getLength()).as(name).isPositive();
        return found.item(0).getTextContent();
    }

    @Test
    void whatOnlyAnEarlierRunPublishedIsTakenAwayAndNothingElse() throws IOException {
        assertThat(archive("--month", "2022-09").exitCode()).isZero();
        SampleWorkspace.write(site.resolve("robots.txt"), "User-agent: *\n");
        SampleWorkspace.write(site.resolve("2022-09/notes.txt"), "à garder\n");

        CliRun run = archive();

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(site.resolve("2022-09/index.html")).doesNotExist();
        assertThat(site.resolve("2022-09/notes.txt")).hasContent("à garder");
        assertThat(site.resolve("robots.txt")).exists();
        assertThat(read("index.html")).doesNotContain("2022-09");
        assertThat(run.err()).contains("1 removed");
    }

    @Test
    void aMonthFolderThatLinksElsewhereIsNotWrittenThrough() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(site);
        Files.createSymbolicLink(site.resolve("2022-08"), elsewhere);

        CliRun run = archive();

        assertThat(run.exitCode()).as(run.all()).isEqualTo(73);
        assertThat(run.err()).contains("2022-08 is a symbolic link");
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void withoutTheIndexTemplateTheBuiltInOneIsUsed() throws IOException {
        assertThat(archive().exitCode()).isZero();
        byte[] withTemplate = Files.readAllBytes(site.resolve("index.html"));
        Files.delete(dir.resolve("templates/archive.html.mustache"));

        CliRun run = archive("--out", dir.resolve("other").toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(dir.resolve("other/index.html")).hasBinaryContent(withTemplate);
    }

    @Test
    void withNothingSentItSaysSoAndNamesWhatTheSandboxGot() throws IOException {
        for (String month : List.of("2022-07", "2022-08", "2022-09")) {
            Files.delete(dir.resolve("journal/" + month + ".csv"));
        }

        CliRun run = archive();

        assertThat(run.exitCode()).isEqualTo(66);
        assertThat(run.err()).contains("no bulletin has been sent yet",
                "2022-09 went to the sandbox only", "bulletin archive --month 2022-09");
        assertThat(site).doesNotExist();
    }
}
