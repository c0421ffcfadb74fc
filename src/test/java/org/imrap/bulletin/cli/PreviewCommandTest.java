package org.imrap.bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.imrap.bulletin.SampleWorkspace;
import org.imrap.bulletin.config.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewCommandTest {
    @TempDir
    Path dir;
    Workspace workspace;

    @BeforeEach
    void copySample() {
        workspace = SampleWorkspace.copyTo(dir);
    }

    @Test
    void writesTheThreeFilesAndPrintsTheirPaths() throws Exception {
        CliRun run = CliRun.run("preview", "--month", "2022-08", "--workspace", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path out = dir.resolve("out/preview");
        assertThat(run.out().lines()).containsExactly(
                out.resolve("bulletin.html").toString(),
                out.resolve("bulletin.txt").toString(),
                out.resolve("bulletin.eml").toString());
        assertThat(run.err()).contains("2022-08", "août 2022", "3 news items");
        assertThat(Files.readString(out.resolve("bulletin.html"))).contains("KANGABA", "Badalabougou-Est");
        assertThat(Files.readString(out.resolve("bulletin.txt"))).contains("KANGABA", "Badalabougou-Est");
        try (var stream = Files.list(out)) {
            assertThat(stream.map(p -> p.getFileName().toString()))
                    .as("no temporary file left behind").containsExactlyInAnyOrder(
                            "bulletin.html", "bulletin.txt", "bulletin.eml");
        }
    }

    @Test
    void theEmlIsTheCompleteMessageWithBothParts() throws Exception {
        CliRun run = CliRun.run("--workspace", dir.toString(), "preview");
        assertThat(run.exitCode()).as(run.err()).isZero();

        MimeMessage message;
        try (InputStream in = Files.newInputStream(dir.resolve("out/preview/bulletin.eml"))) {
            message = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(message.getSubject()).endsWith("août 2022");
            assertThat(message.getMessageID()).endsWith("@imrap-mali.org>");
            MimeMultipart parts = (MimeMultipart) message.getContent();
            assertThat(parts.getContentType()).startsWith("multipart/alternative");
            assertThat((String) parts.getBodyPart(0).getContent()).contains("Ségou", "Badalabougou-Est");
            assertThat(((String) parts.getBodyPart(1).getContent()).replace("\r\n", "\n"))
                    .isEqualTo(Files.readString(dir.resolve("out/preview/bulletin.html")));
        }
    }

    @Test
    void outChoosesTheFolder() {
        Path elsewhere = dir.resolve("ailleurs");
        CliRun run = CliRun.run("--workspace", dir.toString(), "preview", "--out", elsewhere.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(elsewhere.resolve("bulletin.eml")).isRegularFile();
    }

    @Test
    void aBadNewsFileExitsSixtyFiveNamingFileAndLineAndWritesNothing() {
        SampleWorkspace.write(workspace.newsDir().resolve("2022-08-30-bamako.md"),
                "---\ntitle: Bamako\nplace: Bamako\ndate: 2022-08-32\n---\nTexte\n");
        SampleWorkspace.write(workspace.newsDir().resolve("2022-08-31-mopti.md"), "Pas de front matter\n");

        CliRun run = CliRun.run("--workspace", dir.toString(), "preview", "--month", "2022-08");

        assertThat(run.exitCode()).isEqualTo(65);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("2 news files cannot be used", "2022-08-30-bamako.md:4:",
                "2022-08-31-mopti.md:1:", "→");
        assertThat(dir.resolve("out/preview")).doesNotExist();
    }

    @Test
    void aMonthWithoutNewsExitsSixtySix() {
        CliRun run = CliRun.run("--workspace", dir.toString(), "preview", "--month", "2023-01");

        assertThat(run.exitCode()).isEqualTo(66);
        assertThat(run.err()).contains("no news items dated 2023-01", "2022-08");
    }

    @Test
    void aMalformedMonthIsAUsageError() {
        CliRun run = CliRun.run("--workspace", dir.toString(), "preview", "--month", "août");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("'août' is not a month", "2022-08, or previous, or current");
    }

    @Test
    void aBrokenTemplateExitsSixtyFiveNamingIt() {
        SampleWorkspace.write(workspace.templatesDir().resolve("bulletin.html.mustache"), "<p>{{#items}}</p>\n");

        CliRun run = CliRun.run("--workspace", dir.toString(), "preview");

        assertThat(run.exitCode()).isEqualTo(65);
        assertThat(run.err()).contains("bulletin.html.mustache");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void stacktraceShowsTheJavaTraceOnlyWhenAsked() {
        SampleWorkspace.write(workspace.templatesDir().resolve("bulletin.html.mustache"), "<p>{{#items}}</p>\n");

        CliRun run = CliRun.run("--workspace", dir.toString(), "preview", "--stacktrace");

        assertThat(run.exitCode()).isEqualTo(65);
        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void aPasswordInTheSettingsIsRefusedWithWhereToPutIt() throws Exception {
        Path settings = workspace.settingsFile();
        Files.writeString(settings, Files.readString(settings) + "smtp.password=secret123\n");

        CliRun run = CliRun.run("--workspace", dir.toString(), "preview");

        assertThat(run.exitCode()).isEqualTo(78);
        assertThat(run.err()).contains("bulletin.properties:", "BULLETIN_SMTP_PASSWORD").doesNotContain("secret123");
    }

    @Test
    void withoutRecipientItRendersForTheFirstPersonOfTheFirstListAndSaysWhomItReaches() throws Exception {
        CliRun run = CliRun.run("--workspace", dir.toString(), "preview");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("gouverneur.tombouctou@example.org> of the list authorities",
                "Reaches 34 people (authorities 12, donors 12, partners 10); 1 on several lists, 1 unsubscribed");
        assertThat(Files.readString(dir.resolve("out/preview/bulletin.txt"))).contains("Monsieur le Gouverneur,");
    }

    @Test
    void recipientRendersAsThatPersonWillGetItWithAnyColumn() throws Exception {
        Path item = workspace.templatesDir().resolve("bulletin.txt.mustache");
        Files.writeString(item, Files.readString(item).replace("{{recipient.greeting}}",
                "{{recipient.greeting}}\nPour {{recipient.organisation}} ({{recipient.language}}, liste {{recipient.list}})"));

        CliRun run = CliRun.run("--workspace", dir.toString(), "preview", "--recipient", " Awa.Traore@example.org ");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String text = Files.readString(dir.resolve("out/preview/bulletin.txt"));
        assertThat(text).contains("Bonjour Awa Traoré,\nPour ONG Kènè (fr, liste donors)");
        try (InputStream in = Files.newInputStream(dir.resolve("out/preview/bulletin.eml"))) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(message.getHeader("To")[0]).contains("<awa.traore@example.org>");
            assertThat(((jakarta.mail.internet.InternetAddress) message.getAllRecipients()[0]).getPersonal())
                    .isEqualTo("Awa Traoré");
        }
    }

    @Test
    void authoritiesGetTheirListsGreetingUnlessTheirRowHasASalutation() throws Exception {
        CliRun perList = CliRun.run("--workspace", dir.toString(), "preview", "--recipient", "direction.justice@example.org");
        assertThat(perList.exitCode()).as(perList.err()).isZero();
        assertThat(Files.readString(dir.resolve("out/preview/bulletin.html"))).contains("Madame, Monsieur,");

        CliRun ownSalutation = CliRun.run("--workspace", dir.toString(), "preview", "--recipient", "prefet.kangaba@example.org");
        assertThat(ownSalutation.exitCode()).as(ownSalutation.err()).isZero();
        assertThat(Files.readString(dir.resolve("out/preview/bulletin.html"))).contains("Monsieur le Préfet,");
    }

    @Test
    void toLimitsTheAudienceAndARecipientOutsideItIsRefused() {
        CliRun partners = CliRun.run("--workspace", dir.toString(), "preview", "--to", "partners");
        assertThat(partners.exitCode()).as(partners.err()).isZero();
        assertThat(partners.err()).contains("of the list partners", "Reaches 11 people (partners 11); 1 unsubscribed");

        CliRun outside = CliRun.run("--workspace", dir.toString(), "preview", "--to", "partners",
                "--recipient", "claire.martin@example.org");
        assertThat(outside.exitCode()).isEqualTo(66);
        assertThat(outside.err()).contains("claire.martin@example.org is not on the lists partners");
    }

    @Test
    void withNoListsItRendersForTheSenderAndSaysSo() throws Exception {
        try (var files = Files.list(dir.resolve("recipients"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }

        CliRun run = CliRun.run("--workspace", dir.toString(), "preview");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("the sender, bulletin@imrap-mali.org (there is nobody on the lists)",
                "Reaches 0 people (no lists in recipients/)");
    }

    @Test
    void invalidRowsAreCountedAndPointedTo() throws Exception {
        Files.writeString(dir.resolve("recipients/partners.csv"), "pas-une-adresse,X,Y,fr\n",
                java.nio.file.StandardOpenOption.APPEND);

        CliRun run = CliRun.run("--workspace", dir.toString(), "preview");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("1 invalid row left out: see 'bulletin lists check'");
    }

    @Test
    void aNewsItemsImageTravelsInsideTheMessageAndTheHtmlFileShowsIt() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.write(images.resolve("atelier-segou.png"), SampleWorkspace.tinyPng());
        Path item = dir.resolve("news/2022-08-27-segou.md");
        Files.writeString(item, Files.readString(item).replace("place: Ségou\n", "place: Ségou\nimage: images/atelier-segou.png\n"));

        CliRun run = CliRun.run("--workspace", dir.toString(), "preview", "--attach",
                Files.writeString(dir.resolve("programme.txt"), "Programme de l'atelier").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String html = Files.readString(dir.resolve("out/preview/bulletin.html"));
        assertThat(html).contains("src=\"" + images.resolve("atelier-segou.png").toUri() + "\"", "alt=\"Atelier d&#39;échange");
        try (InputStream in = Files.newInputStream(dir.resolve("out/preview/bulletin.eml"))) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            MimeMultipart mixed = (MimeMultipart) message.getContent();
            assertThat(mixed.getContentType()).startsWith("multipart/mixed");
            MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
            MimeMultipart related = (MimeMultipart) alternative.getBodyPart(1).getContent();
            assertThat(related.getContentType()).startsWith("multipart/related");
            assertThat((String) related.getBodyPart(0).getContent()).contains("src=\"cid:");
            assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("programme.txt");
        }
    }

    @Test
    void aMissingAttachmentIsRefusedWithItsPath() {
        CliRun run = CliRun.run("--workspace", dir.toString(), "preview", "--attach", "rapport-absent.pdf");

        assertThat(run.exitCode()).isEqualTo(66);
        assertThat(run.err()).contains("attachment not found", "rapport-absent.pdf");
    }
}
