package org.imrap.bulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.config.Sender;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.render.RenderedMessage;
import org.junit.jupiter.api.Test;

class MessageBuilderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2022-09-01T07:00:00Z"), ZoneOffset.UTC);
    private final MessageBuilder builder = new MessageBuilder(
            new Sender("IMRAP – Bulletin d'information", "bulletin@imrap-mali.org"), CLOCK);

    private static MimeMessage roundTrip(MimeMessage message) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    void buildsAnAlternativeMessageThatParsesBackToTheSameFrenchText() throws Exception {
        RenderedMessage rendered = new RenderedMessage("Bulletin de l'IMRAP – août 2022", "<p>Ségou</p>", "Ségou");
        Recipient awa = new Recipient("awa.traore@example.org", "Awa Traoré", "partners", Map.of());

        MimeMessage parsed = roundTrip(builder.build(rendered, awa));

        assertThat(parsed.getSubject()).isEqualTo("Bulletin de l'IMRAP – août 2022");
        InternetAddress from = (InternetAddress) parsed.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("IMRAP – Bulletin d'information");
        InternetAddress to = (InternetAddress) parsed.getAllRecipients()[0];
        assertThat(to.getAddress()).isEqualTo("awa.traore@example.org");
        assertThat(to.getPersonal()).isEqualTo("Awa Traoré");
        assertThat(parsed.getSentDate().toInstant()).isEqualTo(CLOCK.instant());
        assertThat(parsed.getMessageID()).matches("<[0-9a-f-]{36}@imrap-mali\\.org>");

        assertThat(parsed.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Ségou");
        assertThat(parts.getBodyPart(1).getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Ségou</p>");
        assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
    }

    @Test
    void headersAreEncodedAndNeverCarryRawNonAscii() throws Exception {
        RenderedMessage rendered = new RenderedMessage("Ségou – août", "<p>x</p>", "x");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        builder.build(rendered, new Recipient("a@example.org", "Aïssata Diarra", "donors", Map.of())).writeTo(bytes);

        String raw = bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
        assertThat(headers.chars()).allMatch(c -> c < 0x80);
        assertThat(headers).contains("Subject: =?UTF-8?Q?").contains("MIME-Version: 1.0");
    }

    @Test
    void aNameWithALineBreakCannotForgeAHeader() {
        RenderedMessage rendered = new RenderedMessage("Bulletin", "<p>x</p>", "x");
        Recipient forged = new Recipient("awa@example.org", "Awa\r\nBcc: x@evil.example", "partners", Map.of());

        assertThatThrownBy(() -> builder.build(rendered, forged)).isInstanceOf(BulletinException.class)
                .hasMessageContaining("control character");
    }

    @Test
    void aSubjectWithALineBreakIsRefused() {
        RenderedMessage rendered = new RenderedMessage("Bulletin\nBcc: x@evil.example", "<p>x</p>", "x");

        assertThatThrownBy(() -> builder.build(rendered,
                new Recipient("awa@example.org", "Awa", "partners", Map.of())))
                .isInstanceOf(BulletinException.class).hasMessageContaining("subject");
    }
}
