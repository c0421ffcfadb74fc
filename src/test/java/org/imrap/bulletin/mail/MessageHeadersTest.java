package org.imrap.bulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.SampleWorkspace;
import org.imrap.bulletin.config.MessageSettings;
import org.imrap.bulletin.config.Sender;
import org.imrap.bulletin.config.Unsubscribe;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.render.RenderedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each header and structure rule of the message builder (RFC 5322, 2045–2047, 2369, 2387, 2919, 8058). */
class MessageHeadersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2022-09-01T07:00:00Z"), ZoneOffset.UTC);
    private static final Sender SENDER = new Sender("IMRAP – Bulletin d'information", "bulletin@imrap-mali.org");
    private static final Recipient AWA = new Recipient("awa.traore@example.org", "Awa Traoré", "partners", Map.of());
    private static final RenderedMessage BULLETIN = new RenderedMessage("Bulletin – août 2022",
            "<p>Ségou</p>", "Ségou");
    private static final byte[] SECRET = new byte[32];

    @TempDir
    Path dir;

    private static MessageSettings settings(Unsubscribe unsubscribe, List<Path> attachments, long imageBudget) {
        return new MessageSettings(Optional.of(new Sender("Équipe communication", "communication@imrap-mali.org")),
                Optional.of("bulletin.imrap-mali.org"), "Bulletin d'information IMRAP", unsubscribe,
                Optional.of("bulletin:imrap"), attachments, 64 * 1024, imageBudget);
    }

    private static final Unsubscribe MAILTO = new Unsubscribe(Optional.of("desabonnement@imrap-mali.org"),
            Optional.empty(), Optional.empty());
    private static final Unsubscribe ONE_CLICK = new Unsubscribe(Optional.of("desabonnement@imrap-mali.org"),
            Optional.of("https://www.imrap-mali.org/desabonnement"), Optional.of(SECRET));

    private MimeMessage build(MessageSettings settings, RenderedMessage rendered) throws Exception {
        Attachments attachments = Attachments.load(settings.attachments(), List.of(dir), settings.attachmentLimit());
        MimeMessage built = new MessageBuilder(SENDER, settings, List.of(dir), List.of(dir), attachments, CLOCK)
                .build(rendered, AWA, "2022-08");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        built.writeTo(bytes);
        return new MimeMessage(Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(bytes.toByteArray()));
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theListHeadersAreThere() throws Exception {
        MimeMessage message = build(settings(MAILTO, List.of(), 1 << 20), BULLETIN);

        assertThat(message.getHeader("List-Id")).containsExactly("\"Bulletin d'information IMRAP\" <bulletin.imrap-mali.org>");
        assertThat(message.getHeader("List-Unsubscribe"))
                .containsExactly("<mailto:desabonnement@imrap-mali.org?subject=unsubscribe%20awa.traore%40example.org>");
        assertThat(message.getHeader("List-Unsubscribe-Post")).as("only with an https link").isNull();
        assertThat(message.getHeader("Precedence")).containsExactly("bulk");
        assertThat(message.getHeader("Feedback-ID")).containsExactly("2022-08:bulletin:imrap");
        assertThat(message.getHeader("MIME-Version")).containsExactly("1.0");
        assertThat(message.getSentDate().toInstant()).isEqualTo(CLOCK.instant());
    }

    @Test
    void replyToAndFromCarryEncodedNames() throws Exception {
        MimeMessage message = build(settings(MAILTO, List.of(), 1 << 20), BULLETIN);

        InternetAddress replyTo = (InternetAddress) message.getReplyTo()[0];
        assertThat(replyTo.getAddress()).isEqualTo("communication@imrap-mali.org");
        assertThat(replyTo.getPersonal()).isEqualTo("Équipe communication");
        assertThat(raw(message).replaceAll("\r\n[ \t]+", " ").replaceAll(": +", ": "))
                .contains("Reply-To: =?UTF-8?Q?=C3=89quipe_communication?= <communication@imrap-mali.org>")
                .contains("To: =?UTF-8?Q?Awa_Traor=C3=A9?= <awa.traore@example.org>");
    }

    @Test
    void oneClickUnsubscribeCarriesASignedLinkAndThePostHeader() throws Exception {
        MimeMessage message = build(settings(ONE_CLICK, List.of(), 1 << 20), BULLETIN);

        String header = String.join("", message.getHeader("List-Unsubscribe")).replaceAll("\\r\\n\\s+", " ");
        String token = ONE_CLICK.token("AWA.TRAORE@example.org");
        assertThat(header).isEqualTo("<mailto:desabonnement@imrap-mali.org?subject=unsubscribe%20awa.traore%40example.org"
                + "&body=token%3D" + token + ">, "
                + "<https://www.imrap-mali.org/desabonnement?email=awa.traore%40example.org&token=" + token + ">");
        assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(token).hasSize(22).isNotEqualTo(ONE_CLICK.token("moussa.keita@example.org"));
        assertThat(raw(message).lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
    }

    @Test
    void imagesTravelInsideTheMessageByContentId() throws Exception {
        Path logo = Files.write(dir.resolve("logo.png"), SampleWorkspace.tinyPng());
        RenderedMessage withImage = new RenderedMessage("Bulletin",
                "<p><img src=\"logo.png\" alt=\"Logo de l'IMRAP\"> <img src=\"https://example.org/x.png\" alt=\"x\"></p>",
                "Bulletin");

        MimeMessage message = build(settings(MAILTO, List.of(), 1 << 20), withImage);

        MimeMultipart alternative = (MimeMultipart) message.getContent();
        MimeMultipart related = (MimeMultipart) alternative.getBodyPart(1).getContent();
        assertThat(related.getContentType()).startsWith("multipart/related");
        String html = (String) related.getBodyPart(0).getContent();
        BodyPart image = related.getBodyPart(1);
        String cid = image.getHeader("Content-ID")[0];
        assertThat(cid).matches("<[0-9a-f]{16}@imrap-mali\\.org>");
        assertThat(html).contains("src=\"cid:" + cid.substring(1, cid.length() - 1) + "\"")
                .contains("src=\"https://example.org/x.png\"");
        assertThat(image.getContentType()).startsWith("image/png");
        assertThat(image.getDisposition()).isEqualTo("inline");
        assertThat(image.getInputStream().readAllBytes()).isEqualTo(Files.readAllBytes(logo));
    }

    @Test
    void theSamePictureUnderTwoPathsTravelsOnceAndDataAttributesAreLeftAlone() throws Exception {
        Files.write(dir.resolve("logo.png"), SampleWorkspace.tinyPng());
        Files.write(dir.resolve("copie.png"), SampleWorkspace.tinyPng());
        RenderedMessage twice = new RenderedMessage("B", "<img data-src=\"ignore.png\" src=\"logo.png\" alt=\"Logo\">"
                + "<img src=\"copie.png\" data-alt=\"\" alt=\"Logo encore\">", "B");

        MimeMessage message = build(settings(MAILTO, List.of(), 1 << 20), twice);

        MimeMultipart related = (MimeMultipart) ((MimeMultipart) message.getContent()).getBodyPart(1).getContent();
        assertThat(related.getCount()).as("the HTML and one image").isEqualTo(2);
        String html = (String) related.getBodyPart(0).getContent();
        assertThat(html).contains("data-src=\"ignore.png\"").doesNotContain("src=\"logo.png\"", "src=\"copie.png\"");
    }

    @Test
    void anImgTagInCapitalsIsCarriedAndATagThatOnlyStartsLikeImgIsLeftAlone() throws Exception {
        Files.write(dir.resolve("logo.png"), SampleWorkspace.tinyPng());
        RenderedMessage mixed = new RenderedMessage("B", "<P><IMG SRC=\"logo.png\" ALT=\"Logo\"></P>"
                + "<imgx src=\"absent.png\"><img_ src=\"absent.png\">", "B");

        MimeMessage message = build(settings(MAILTO, List.of(), 1 << 20), mixed);

        MimeMultipart related = (MimeMultipart) ((MimeMultipart) message.getContent()).getBodyPart(1).getContent();
        assertThat(related.getCount()).as("the HTML and the logo").isEqualTo(2);
        String html = (String) related.getBodyPart(0).getContent();
        assertThat(html).contains("<IMG SRC=\"cid:", "<imgx src=\"absent.png\">", "<img_ src=\"absent.png\">");
    }

    @Test
    void anImageWithoutAltTextOrFileIsRefused() throws IOException {
        Files.write(dir.resolve("logo.png"), SampleWorkspace.tinyPng());
        MessageBuilder builder = new MessageBuilder(SENDER, settings(MAILTO, List.of(), 1 << 20), List.of(dir), List.of(dir),
                Attachments.NONE, CLOCK);

        assertThatThrownBy(() -> builder.build(new RenderedMessage("B", "<img src=\"logo.png\">", "B"), AWA, "c"))
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
                    assertThat(e.getMessage()).contains("logo.png has no alt text");
                });
        assertThatThrownBy(() -> builder.build(new RenderedMessage("B", "<img src=\"photo.jpg\" alt=\"p\">", "B"), AWA, "c"))
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.NO_INPUT);
                    assertThat(e.getMessage()).contains("image not found: photo.jpg");
                });
    }

    @Test
    void imagesAboveTheBudgetAreWarnedAboutOnce() throws Exception {
        Files.write(dir.resolve("big.png"), new byte[4096]);
        MessageBuilder builder = new MessageBuilder(SENDER, settings(MAILTO, List.of(), 1024), List.of(dir), List.of(dir),
                Attachments.NONE, CLOCK);
        RenderedMessage rendered = new RenderedMessage("B", "<img src=\"big.png\" alt=\"grand\">", "B");

        builder.build(rendered, AWA, "c");
        builder.build(rendered, AWA, "c");

        assertThat(builder.warnings()).singleElement().asString().contains("4 KB", "images.budgetKB");
    }

    @Test
    void attachmentsMakeAMixedMessageAndAreRefusedWhenMissingOrTooLarge() throws Exception {
        Path report = Files.writeString(dir.resolve("rapport-annuel.pdf"), "%PDF-1.4 …");
        MimeMessage message = build(settings(MAILTO, List.of(report), 1 << 20), BULLETIN);

        MimeMultipart mixed = (MimeMultipart) message.getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        assertThat(((MimeMultipart) mixed.getBodyPart(0).getContent()).getContentType()).startsWith("multipart/alternative");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("rapport-annuel.pdf");
        assertThat(mixed.getBodyPart(1).getDisposition()).isEqualTo("attachment");

        assertThatThrownBy(() -> build(settings(MAILTO, List.of(dir.resolve("absent.pdf")), 1 << 20), BULLETIN))
                .isInstanceOfSatisfying(BulletinException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NO_INPUT));
        Path big = Files.write(dir.resolve("big.pdf"), new byte[65 * 1024]);
        assertThatThrownBy(() -> build(settings(MAILTO, List.of(big), 1 << 20), BULLETIN))
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
                    assertThat(e.getMessage()).contains("65 KB, above the limit of 64 KB");
                });
    }
}
