package org.imrap.bulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Line by line with remembered lines, the encoding is byte for byte what Angus makes of the whole text. */
class EncodedLinesTest {

    private static byte[] angusWhole(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream encoder = MimeUtility.encode(out, "quoted-printable")) {
            encoder.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "Bonjour,\nVoici les nouvelles de Ségou.\n",
        "no line end at the end",
        "trailing spaces   \nand a tab\t\n\n\nempty lines above",
        "CRLF\r\nlone CR\rlone LF\nmixed\r\n\r\n",
        "=equals= at the start, and a very long line that goes past seventy-six characters so that it needs "
            + "soft line breaks, with accents é à ç and an emoji 🌍 right where a break might fall ééééééééééééé",
        ".a dot at the start of a line\n.\n",
    })
    void eachTextIsEncodedAsAngusEncodesItWhole(String text) throws Exception {
        EncodedLines lines = new EncodedLines();

        assertThat(new String(lines.encode(text), StandardCharsets.US_ASCII))
                .isEqualTo(new String(angusWhole(text), StandardCharsets.US_ASCII));
        assertThat(lines.encode(text)).as("from remembered lines").isEqualTo(angusWhole(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"templates/bulletin.html.mustache", "templates/footer.html.mustache",
        "news/2022-08-12-tombouctou.md"})
    void theSampleFilesAreEncodedAsAngusEncodesThemWhole(String file) throws Exception {
        Path path = Path.of(file);
        String text = Files.readString(path);
        EncodedLines lines = new EncodedLines();
        lines.encode(text);

        assertThat(lines.encode(text)).isEqualTo(angusWhole(text));
    }

    @org.junit.jupiter.api.Test
    void textAfterTextReusingLinesInTheirPlacesOrShiftedIsStillEncodedAsAngusEncodesIt() throws Exception {
        String body = "Voici les nouvelles de Ségou.\nUne ligne = un signe.\nFin   \n";
        String[] texts = {
            "Bonjour Awa,\n" + body,
            "Bonjour Moussa Keïta,\n" + body,
            "Bonjour,\nUne ligne de plus qui décale tout.\n" + body,
            "Bonjour Awa,\r\n" + body.replace("\n", "\r\n"),
            "Bonjour Awa,\n" + body.substring(0, 20),
            "",
            "Bonjour Awa,\n" + body,
        };
        EncodedLines lines = new EncodedLines();

        for (String text : texts) {
            assertThat(new String(lines.encode(text), StandardCharsets.US_ASCII)).as(text)
                    .isEqualTo(new String(angusWhole(text), StandardCharsets.US_ASCII));
        }
    }
}
