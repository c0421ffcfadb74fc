package org.imrap.bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.imrap.bulletin.SampleWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing news as IMRAP's communication officer does (issue 15, part 3), through the command line: front
 * matter typed in French, drafts, items of other months, {@code news new}'s skeleton, and phone photos.
 */
class WritingNewsTest {
    private static final Map<String, String> FRENCH = Map.of("LANG", "fr_ML.UTF-8");

    @TempDir
    Path dir;
    @TempDir
    Path downloads;

    @BeforeEach
    void copySample() {
        SampleWorkspace.copyTo(dir);
    }

    private CliRun bulletin(String command, String... args) {
        return CliRun.inWorkspace(dir, Map.of(), command, args);
    }

    private void news(String name, String content) {
        SampleWorkspace.write(dir.resolve("news").resolve(name), content);
    }

    private void settings(String... lines) throws IOException {
        Path file = dir.resolve("bulletin.properties");
        Files.writeString(file, Files.readString(file) + "\n" + String.join("\n", lines) + "\n");
    }

    // ---- Front matter as typed ----

    @Test
    void frontMatterIsReadAsAFrenchWriterTypesIt() throws IOException {
        news("2022-08-28-kidal.md", """
                ---
                title: Réunion : les femmes de Kidal
                place: Kidal
                date: 2022-08-28
                summary: #paix « Kidal » : les femmes d'abord
                ---
                Texte.
                """);
        news("2022-08-29-gao.md", """
                ---
                title: Les jeunes de Gao
                place: N'Tomikorobougou
                date: 2022-08-29
                summary: *Nouveau* : un atelier
                ---
                Texte.
                """);

        CliRun run = bulletin("preview", "--month", "2022-08");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String text = Files.readString(dir.resolve("out/preview/bulletin.txt"));
        assertThat(text).contains("KIDAL : Réunion : les femmes de Kidal", "Kidal : #paix « Kidal » : les femmes d'abord",
                "N'Tomikorobougou : *Nouveau* : un atelier");
    }

    @Test
    void aLineThatStillCannotBeReadIsReportedInFrenchWithItsLineAndTheWayToFixIt() {
        news("2022-08-28-kidal.md", "---\ntitle: Réunion à Kidal\nplace: Kidal\n- les femmes\ndate: 2022-08-28\n---\nTexte.\n");

        CliRun run = CliRun.inWorkspace(dir, FRENCH, "preview", "--month", "2022-08");

        assertThat(run.exitCode()).isEqualTo(65);
        assertThat(run.err()).contains("2022-08-28-kidal.md:4: « - les femmes » n'est pas un champ",
                "sous la forme « nom: valeur »", "une ligne qui continue la précédente commence par une espace");
        assertThat(dir.resolve("out/preview")).doesNotExist();
    }

    // ---- Drafts, other months, files that are no news items ----

    @Test
    void aDraftIsShownMarkedInThePreviewAndNeverSent() throws Exception {
        news("2022-08-29-douentza.md", "---\ntitle: Atelier de Douentza\nplace: Douentza\ndate: 2022-08-29\ndraft: true\n---\n"
                + "Pas encore prêt.\n");

        CliRun preview = bulletin("preview", "--month", "2022-08");

        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.err()).contains("2022-08-29-douentza.md: a draft (draft: true): shown in this preview");
        assertThat(Files.readString(dir.resolve("out/preview/bulletin.html")))
                .contains("Atelier de Douentza", "BROUILLON — aperçu seulement");

        CliRun send = bulletin("send", "--month", "2022-08");

        assertThat(send.exitCode()).as(send.all()).isZero();
        assertThat(send.err()).contains("2022-08-29-douentza.md: a draft (draft: true): not sent");
        List<Path> sent = sandboxMessages();
        assertThat(sent).hasSize(34);
        for (Path eml : sent.subList(0, 3)) {
            assertThat(textOf(eml)).contains("KANGABA").doesNotContain("Douentza", "BROUILLON");
        }
    }

    @Test
    void onlyTheItemsOfTheMonthBeingSentMustBeValid() {
        news("2022-09-02-gao.md", "---\ntitle: Gao, à finir\nplace:\n---\n");
        news("notes.md", "Idées pour septembre : Gao, Mopti.\n");

        CliRun send = bulletin("send", "--month", "2022-08");

        assertThat(send.exitCode()).as(send.all()).isZero();
        assertThat(send.err()).contains("/news/2022-09-02-gao.md:", "dated 2022-09: not part of this bulletin",
                "/news/notes.md: not a news item");
        assertThat(sandboxMessages()).hasSize(34);

        CliRun preview = bulletin("preview", "--month", "2022-08");
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.err()).contains("news/2022-09-02-gao.md", "news/notes.md");
    }

    @Test
    void aBrokenItemOfTheMonthBeingSentStillStopsTheSend() {
        news("2022-08-30-gao.md", "---\ntitle: Gao, à finir\nplace:\ndate: 2022-08-30\n---\nTexte.\n");

        CliRun send = bulletin("send", "--month", "2022-08");

        assertThat(send.exitCode()).isEqualTo(65);
        assertThat(send.err()).contains("2022-08-30-gao.md:3: the required field 'place' is empty");
        assertThat(dir.resolve("out/sandbox/2022-08")).doesNotExist();
    }

    // ---- news new and its skeleton ----

    @Test
    void sendRefusesAnItemThatStillHoldsTheSkeletonsTextAndPreviewWarns() {
        CliRun created = bulletin("news", "new", "--title", "Atelier à Gao", "--place", "Gao", "--date", "2022-08-25");
        assertThat(created.exitCode()).as(created.err()).isZero();

        CliRun send = bulletin("send", "--month", "2022-08");

        assertThat(send.exitCode()).isEqualTo(65);
        assertThat(send.err()).contains("1 news item of this month is not written yet", "2022-08-25-gao.md:",
                "placeholder text of the skeleton", "draft: true");
        assertThat(dir.resolve("out/sandbox/2022-08")).doesNotExist();

        CliRun dryRun = bulletin("send", "--month", "2022-08", "--dry-run");
        assertThat(dryRun.exitCode()).as("the dry run says the same").isEqualTo(65);

        CliRun preview = bulletin("preview", "--month", "2022-08");
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.err()).contains("/news/2022-08-25-gao.md:", "placeholder text", "send refuses it");
    }

    @Test
    void newTakesAnImageAndASummaryAndASecondItemOfThePlaceAndDayGetsItsOwnFile() throws Exception {
        byte[] photo = jpeg(800, 600, 0);
        Path original = Files.write(downloads.resolve("IMG_20220825_101112.jpg"), photo);

        CliRun first = bulletin("news", "new", "--title", "Atelier à Gao", "--place", "Gao", "--date", "2022-08-25",
                "--summary", "Les femmes : « la paix d'abord »", "--image", original.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        Path item = dir.resolve("news/2022-08-25-gao.md");
        assertThat(first.out().strip()).endsWith("2022-08-25-gao.md");
        assertThat(Files.readString(item)).contains("summary: Les femmes : « la paix d'abord »\n",
                "image: news/images/2022-08-25-gao.jpg\n");
        assertThat(dir.resolve("news/images/2022-08-25-gao.jpg")).hasBinaryContent(photo);
        assertThat(original).hasBinaryContent(photo);
        assertThat(first.err()).contains("copied", "news/images/2022-08-25-gao.jpg");

        CliRun second = bulletin("news", "new", "--title", "Deuxième atelier", "--place", "Gao", "--date", "2022-08-25");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out().strip()).endsWith("2022-08-25-gao-2.md");
        assertThat(Files.readString(item)).contains("title: Atelier à Gao");
        assertThat(Files.readString(dir.resolve("news/2022-08-25-gao-2.md"))).contains("title: Deuxième atelier");

        CliRun list = bulletin("news", "list", "--month", "2022-08");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("Atelier à Gao", "Deuxième atelier");
    }

    // ---- Photos ----

    @Test
    void aLargePhotoIsScaledDownAndTheWarningGivesTheSizeSent() throws Exception {
        byte[] photo = jpeg(4000, 3000, 0);
        Path file = Files.write(Files.createDirectories(dir.resolve("news/images")).resolve("grand.jpg"), photo);
        news("2022-08-28-gao.md", "---\ntitle: Gao\nplace: Gao\ndate: 2022-08-28\nimage: news/images/grand.jpg\n---\nTexte.\n");
        settings("images.budgetKB=10");

        CliRun run = bulletin("preview", "--month", "2022-08");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<byte[]> images = imagesOf(dir.resolve("out/preview/bulletin.eml"), "image/jpeg");
        assertThat(images).hasSize(1);
        BufferedImage sent = ImageIO.read(new ByteArrayInputStream(images.get(0)));
        assertThat(sent.getWidth()).isEqualTo(1200);
        assertThat(sent.getHeight()).isEqualTo(900);
        assertThat(images.get(0).length).isLessThan(photo.length / 4);
        assertThat(file).as("the original is left as it was").hasBinaryContent(photo);
        long kilobytes = Math.max(1, (images.get(0).length + 512) / 1024);
        assertThat(run.err()).contains("the images weigh " + kilobytes + " KB, above the budget of 10 KB");
    }

    @Test
    void aPortraitPhonePhotoStaysUprightWhenScaled() throws Exception {
        // Stored landscape, top half red, bottom half blue, with EXIF orientation 6: "turn 90° clockwise to show".
        byte[] photo = jpeg(4000, 3000, 6);
        Files.write(Files.createDirectories(dir.resolve("news/images")).resolve("portrait.jpg"), photo);
        news("2022-08-28-gao.md", "---\ntitle: Gao\nplace: Gao\ndate: 2022-08-28\nimage: news/images/portrait.jpg\n---\nTexte.\n");

        CliRun run = bulletin("preview", "--month", "2022-08");

        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage sent = ImageIO.read(new ByteArrayInputStream(
                imagesOf(dir.resolve("out/preview/bulletin.eml"), "image/jpeg").get(0)));
        assertThat(sent.getWidth()).isEqualTo(900);
        assertThat(sent.getHeight()).isEqualTo(1200);
        // Turned clockwise, the stored top (red) is on the right.
        assertThat(red(sent.getRGB(800, 600))).isGreaterThan(200);
        assertThat(blue(sent.getRGB(100, 600))).isGreaterThan(200);
    }

    @Test
    void aLargePngStaysPngAndASmallImageIsNotEnlarged() throws Exception {
        BufferedImage logo = new BufferedImage(2400, 600, BufferedImage.TYPE_INT_ARGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(logo, "png", png);
        byte[] small = jpeg(400, 300, 0);
        Path images = Files.createDirectories(dir.resolve("news/images"));
        Files.write(images.resolve("logo.png"), png.toByteArray());
        Files.write(images.resolve("petite.jpg"), small);
        news("2022-08-28-gao.md", "---\ntitle: Gao\nplace: Gao\ndate: 2022-08-28\nimage: news/images/logo.png\n---\nTexte.\n");
        news("2022-08-29-mopti.md", "---\ntitle: Mopti\nplace: Mopti\ndate: 2022-08-29\nimage: news/images/petite.jpg\n---\n"
                + "Texte.\n");

        CliRun run = bulletin("preview", "--month", "2022-08");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path eml = dir.resolve("out/preview/bulletin.eml");
        BufferedImage sentLogo = ImageIO.read(new ByteArrayInputStream(imagesOf(eml, "image/png").get(0)));
        assertThat(sentLogo.getWidth()).isEqualTo(1200);
        assertThat(sentLogo.getHeight()).isEqualTo(300);
        assertThat(sentLogo.getColorModel().hasAlpha()).as("a logo keeps its transparency").isTrue();
        assertThat(imagesOf(eml, "image/jpeg")).singleElement().isEqualTo(small);
    }

    @Test
    void gmailsClippingWarningCountsTheHtmlPartNotTheImagesAndEachSizeIsGivenOnce() throws Exception {
        Files.write(Files.createDirectories(dir.resolve("news/images")).resolve("grand.jpg"), jpeg(4000, 3000, 0));
        news("2022-08-28-gao.md", "---\ntitle: Gao\nplace: Gao\ndate: 2022-08-28\nimage: news/images/grand.jpg\n---\nTexte.\n");
        settings("images.budgetKB=2000");

        CliRun photo = bulletin("send", "--month", "2022-08", "--dry-run");

        assertThat(photo.exitCode()).as(photo.err()).isZero();
        assertThat(photo.err()).containsPattern("Message size: \\d+ KB").doesNotContain("Gmail", "weighs");
        assertThat(photo.err().lines().filter(line -> line.contains(" KB"))).hasSize(1);

        String paragraph = "Les participants venus du cercle ont appris les notions de collecte de récits. ".repeat(12);
        for (String place : new String[] {"bamako", "kayes", "sikasso"}) {
            news("2022-08-2" + place.length() + "-" + place + ".md", "---\ntitle: " + place + "\nplace: " + place
                    + "\ndate: 2022-08-2" + place.length() + "\n---\n" + (paragraph + "\n\n").repeat(40));
        }

        CliRun text = bulletin("send", "--month", "2022-08", "--dry-run");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.err()).containsPattern("the HTML part weighs \\d{3} KB: above 102 KB Gmail clips it");
        assertThat(text.err().lines().filter(line -> line.contains("Message size"))).hasSize(1);
    }

    // ---- Helpers ----

    private List<Path> sandboxMessages() {
        try (Stream<Path> files = Files.list(dir.resolve("out/sandbox/2022-08"))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static MimeMessage message(Path eml) throws Exception {
        try (InputStream in = Files.newInputStream(eml)) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            message.getContent();
            return message;
        }
    }

    /** Every text part of the message, decoded, one after the other. */
    private static String textOf(Path eml) throws Exception {
        StringBuilder text = new StringBuilder();
        walk(message(eml), part -> {
            if (part.isMimeType("text/*")) {
                text.append(part.getContent()).append('\n');
            }
        });
        return text.toString();
    }

    /** The decoded bytes of the message's parts of this type. */
    private static List<byte[]> imagesOf(Path eml, String type) throws Exception {
        List<byte[]> images = new ArrayList<>();
        walk(message(eml), part -> {
            if (part.isMimeType(type)) {
                try (InputStream in = part.getInputStream()) {
                    images.add(in.readAllBytes());
                }
            }
        });
        return images;
    }

    private interface PartVisitor {
        void visit(Part part) throws Exception;
    }

    private static void walk(Part part, PartVisitor visitor) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, visitor);
            }
        } else {
            visitor.visit(part);
        }
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    private static int blue(int rgb) {
        return rgb & 0xFF;
    }

    /**
     * A photo as a phone makes one: top half red, bottom half blue, with enough grain to weigh what a photo
     * weighs; with an EXIF orientation tag (TIFF tag 0x0112 in an APP1 segment) when {@code orientation} > 0.
     */
    static byte[] jpeg(int width, int height, int orientation) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(15);
        for (int y = 0; y < height; y++) {
            int base = y < height / 2 ? 0xE02020 : 0x2020E0;
            for (int x = 0; x < width; x++) {
                int grain = random.nextInt(32);
                image.setRGB(x, y, base + (grain << 16) + (grain << 8) + grain);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        byte[] jpeg = out.toByteArray();
        return orientation > 0 ? withOrientation(jpeg, orientation) : jpeg;
    }

    /** The JPEG with an Exif APP1 segment holding one tag, Orientation, put after its JFIF APP0 segment. */
    private static byte[] withOrientation(byte[] jpeg, int orientation) {
        assertThat(jpeg[2] & 0xFF).as("ImageIO writes a JFIF APP0 segment first").isEqualTo(0xFF);
        assertThat(jpeg[3] & 0xFF).isEqualTo(0xE0);
        int afterApp0 = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        byte[] tiff = {
            'M', 'M', 0, 42, 0, 0, 0, 8,           // big-endian TIFF header, first IFD at offset 8
            0, 1,                                   // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1,           // Orientation, SHORT, one value
            0, (byte) orientation, 0, 0,            // the value, left-justified
            0, 0, 0, 0};                            // no next IFD
        byte[] exif = "Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int length = 2 + exif.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, afterApp0);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(exif);
        out.writeBytes(tiff);
        out.write(jpeg, afterApp0, jpeg.length - afterApp0);
        return out.toByteArray();
    }

    @Test
    void theTestPhotoCarriesItsOrientationTag() throws Exception {
        byte[] photo = jpeg(40, 30, 6);
        int at = indexOf(photo, "Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(at).isPositive();
        assertThat(Arrays.copyOfRange(photo, at + 6 + 8, at + 6 + 20))
                .containsExactly(0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6);
        assertThat(ImageIO.read(new ByteArrayInputStream(photo)).getWidth()).as("still a JPEG ImageIO reads").isEqualTo(40);
    }

    private static int indexOf(byte[] bytes, byte[] wanted) {
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        return -1;
    }
}
