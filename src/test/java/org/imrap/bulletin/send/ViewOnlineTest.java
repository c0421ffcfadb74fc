package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.Test;

/** With archive.url, every message opens with a link to its month's page on the web, in both parts. */
class ViewOnlineTest extends GreenMailTest {
    private static final String PAGE = "https://www.imrap-mali.org/bulletin/2022-08/";

    /** The first part of {@code part} of this type (text/plain, text/html), as text with LF line ends. */
    private static String content(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return ((String) part.getContent()).replace("\r\n", "\n");
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = content(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void everyMessageStartsWithALinkToItsMonthsPageInTheHtmlAndTheText() throws Exception {
        fixture.addSettings("archive.url=https://www.imrap-mali.org/bulletin");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(SendFixture.SAMPLE_AUDIENCE);
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            String text = content(message, "text/plain");
            String html = content(message, "text/html");
            assertThat(text).startsWith("Voir en ligne : " + PAGE + "\n\nIMRAP · Institut Malien");
            String link = "<a class=\"tx-brand\" href=\"" + PAGE + "\" style=\"color:#1d4f7c;\">Voir en ligne</a>";
            assertThat(html).containsOnlyOnce(link);
            // At the top: after the hidden preheader, before the bulletin's heading and its news.
            assertThat(html.indexOf(link)).isGreaterThan(html.indexOf("mso-hide:all"))
                    .isLessThan(html.indexOf("Bulletin d'information · août 2022"));
            assertThat(html).doesNotContain("Tous les bulletins");
        }
    }

    @Test
    void dryRunWithArchiveUrlSendsNothing() {
        fixture.addSettings("archive.url=https://www.imrap-mali.org/bulletin/");

        CliRun run = fixture.send("--dry-run");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(fixture.journal()).doesNotExist();
    }

    @Test
    void sendWarnsWhileTheMonthsPageIsNotInOutSite() {
        fixture.addSettings("archive.url=https://www.imrap-mali.org/bulletin/");

        CliRun before = fixture.send("--dry-run");
        CliRun archive = CliRun.inWorkspace(dir, Map.of(), "archive", "--month", "2022-08");
        CliRun after = fixture.send("--dry-run");

        assertThat(before.err()).contains("warning: each message links to " + PAGE
                + ", but out/site/2022-08/index.html does not exist yet: run bulletin archive --month 2022-08");
        assertThat(archive.exitCode()).as(archive.all()).isZero();
        assertThat(dir.resolve("out/site/2022-08/index.html")).isRegularFile();
        assertThat(after.exitCode()).as(after.all()).isZero();
        assertThat(after.err()).doesNotContain("does not exist yet");
    }

    @Test
    void withoutArchiveUrlNoMessageLinksToTheWebAndSendDoesNotWarn() throws Exception {
        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).doesNotContain("out/site");
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            assertThat(content(message, "text/plain")).startsWith("IMRAP · Institut Malien").doesNotContain("Voir en ligne");
            assertThat(content(message, "text/html")).doesNotContain("Voir en ligne", "Tous les bulletins");
        }
    }

    @Test
    void anArchiveUrlThatIsNotAWebFolderIsRefusedBeforeAnythingIsSent() {
        fixture.addSettings("archive.url=www.imrap-mali.org/bulletin/\"><script>");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).isEqualTo(78);
        assertThat(run.err()).contains("archive.url", "is not the address of a web folder");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
