package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imrap.bulletin.SampleWorkspace;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that reach a message (images, templates, attachments) are taken by their real path: a symbolic link
 * in the workspace that leads out of it is refused before anything is sent; a file named explicitly outside
 * the workspace may be attached, and the plan says so with its size.
 */
class FilesOutsideTheWorkspaceTest extends GreenMailTest {
    /** Somewhere else on the machine: what must not travel unless named explicitly. */
    @TempDir
    Path elsewhere;

    /** The Ségou item names {@code image} as its picture. */
    private void segouImage(String image) throws Exception {
        Path item = dir.resolve("news/2022-08-27-segou.md");
        Files.writeString(item, Files.readString(item).replace("place: Ségou\n", "place: Ségou\nimage: " + image + "\n"));
    }

    /** A file outside the workspace that looks like an image, standing for /etc/shadow. */
    private Path secretOutside() throws Exception {
        byte[] png = SampleWorkspace.tinyPng();
        byte[] secret = new byte[png.length + 16];
        System.arraycopy(png, 0, secret, 0, png.length);
        System.arraycopy("SECRET-OUTSIDE-1".getBytes(), 0, secret, png.length, 16);
        return Files.write(elsewhere.resolve("shadow.png"), secret);
    }

    @Test
    void aNewsImageLinkedOutsideTheWorkspaceIsRefusedAndNothingIsSent() throws Exception {
        Path secret = secretOutside();
        Files.createSymbolicLink(dir.resolve("templates/photo.png"), secret);
        segouImage("photo.png");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(65);
        assertThat(run.err()).contains(dir.resolve("templates/photo.png").toString(), secret.toRealPath().toString(),
                "outside the workspace", "copy the image into templates/ instead of linking to it");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(fixture.journal()).doesNotExist();
    }

    @Test
    void aNewsImageLinkedOutsideTheWorkspaceIsRefusedByTheDryRunTooAndByPreview() throws Exception {
        Files.createSymbolicLink(dir.resolve("templates/photo.png"), secretOutside());
        segouImage("photo.png");

        CliRun dryRun = fixture.send("--dry-run");
        CliRun preview = CliRun.run("--workspace", dir.toString(), "preview", "--month", "2022-08");

        assertThat(dryRun.exitCode()).as(dryRun.all()).isEqualTo(65);
        assertThat(dryRun.err()).contains("copy the image into templates/ instead of linking to it");
        assertThat(preview.exitCode()).as(preview.all()).isEqualTo(65);
        assertThat(preview.err()).contains("copy the image into templates/ instead of linking to it");
        assertThat(dir.resolve("out/preview/bulletin.eml")).doesNotExist();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aFolderLinkedOutsideTheWorkspaceIsRefusedAsWell() throws Exception {
        Path secret = secretOutside();
        Files.createSymbolicLink(dir.resolve("templates/photos"), elsewhere);
        segouImage("photos/shadow.png");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(65);
        assertThat(run.err()).contains(secret.toRealPath().toString(), "copy the image into templates/");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void anImageLinkedToAnotherFileInsideTheWorkspaceStillTravels() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.write(images.resolve("atelier-segou.png"), SampleWorkspace.tinyPng());
        Files.createSymbolicLink(dir.resolve("templates/photo.png"), Path.of("../images/atelier-segou.png"));
        segouImage("photo.png");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(greenMail.getReceivedMessages()).hasSize(SendFixture.SAMPLE_AUDIENCE);
        assertThat(partsOf(greenMail.getReceivedMessages()[0])).anySatisfy(part -> {
            assertThat(part.getContentType()).startsWith("image/png");
            assertThat(part.getFileName()).isEqualTo("photo.png");
        });
    }

    @Test
    void aPartialLinkedOutsideTheTemplatesFolderIsRefused() throws Exception {
        Path footer = Files.writeString(elsewhere.resolve("footer.html.mustache"), "<p>SECRET-OUTSIDE-2</p>");
        Files.delete(dir.resolve("templates/footer.html.mustache"));
        Files.createSymbolicLink(dir.resolve("templates/footer.html.mustache"), footer);

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(65);
        assertThat(run.err()).contains(dir.resolve("templates/footer.html.mustache").toString(),
                footer.toRealPath().toString(), "copy the template into templates/ instead of linking to it");
        assertThat(run.err()).doesNotContain("not valid Mustache");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(fixture.journal()).doesNotExist();
    }

    @Test
    void anAttachmentWrittenInsideTheWorkspaceThatLeadsOutsideIsRefused() throws Exception {
        Path programme = Files.writeString(elsewhere.resolve("programme.txt"), "SECRET-OUTSIDE-3");
        Files.createDirectories(dir.resolve("docs"));
        Files.createSymbolicLink(dir.resolve("docs/programme.txt"), programme);
        fixture.addSettings("attachments=docs/programme.txt");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(65);
        assertThat(run.err()).contains(dir.resolve("docs/programme.txt").toString(), programme.toRealPath().toString(),
                "--attach");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(fixture.journal()).doesNotExist();
    }

    @Test
    void anAttachmentNamedOutsideTheWorkspaceIsAllowedAndListedInThePlanWithItsSize() throws Exception {
        Path programme = Files.write(elsewhere.resolve("programme.pdf"), new byte[3 * 1024]);
        Files.writeString(dir.resolve("note.txt"), "Note");
        fixture.addSettings("attachments=note.txt");

        CliRun dryRun = fixture.send("--dry-run", "--attach", programme.toString());

        assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
        assertThat(dryRun.err()).contains("Attachment: " + programme + " (3 KB)", "Attachment: " + dir.resolve("note.txt") + " (1 KB)");
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        CliRun run = fixture.send("--yes", "--attach", programme.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).contains("Attachment: " + programme + " (3 KB)");
        assertThat(greenMail.getReceivedMessages()).hasSize(SendFixture.SAMPLE_AUDIENCE);
        assertThat(partsOf(greenMail.getReceivedMessages()[0]).stream().map(part -> {
            try {
                return part.getFileName();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        })).contains("programme.pdf", "note.txt");
    }

    @Test
    void aLinkNamedExplicitlyOutsideTheWorkspaceIsTheUsersChoice() throws Exception {
        Path report = Files.writeString(elsewhere.resolve("rapport-2022.txt"), "Rapport");
        Path link = Files.createSymbolicLink(elsewhere.resolve("rapport.txt"), report);

        CliRun run = fixture.send("--dry-run", "--attach", link.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).contains("Attachment: " + link + " → " + report.toRealPath() + " (1 KB)");
    }

    private static List<Part> partsOf(Part part) throws Exception {
        List<Part> parts = new ArrayList<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                parts.add(child);
                parts.addAll(partsOf(child));
            }
        }
        return parts;
    }
}
