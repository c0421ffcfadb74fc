package org.imrap.bulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ImageScalerTest {

    /** A PNG signature and header (RFC 2083 §4.1.1) that claim {@code width} × {@code height}, and nothing else. */
    private static byte[] pngHeader(int width, int height) {
        ByteBuffer chunk = ByteBuffer.allocate(17);
        chunk.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(chunk.array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13});
        out.writeBytes(chunk.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }

    @Test
    void aSmallFileThatClaimsAHugeImageIsSentAsItIsWithTheReason() {
        byte[] bomb = pngHeader(20000, 20000);

        ImageScaler.Fitted fitted = ImageScaler.fit(bomb, "image/png", 1200);

        assertThat(fitted.bytes()).isSameAs(bomb);
        assertThat(fitted.notScaled()).hasValueSatisfying(why -> assertThat(why).contains("20000 × 20000 pixels"));
    }

    @Test
    void whatImageIoCannotReadAndOtherFormatsGoAsTheyAre() {
        byte[] notAnImage = "pas une image".getBytes(StandardCharsets.UTF_8);

        assertThat(ImageScaler.fit(notAnImage, "image/jpeg", 1200).bytes()).isSameAs(notAnImage);
        assertThat(ImageScaler.fit(notAnImage, "image/jpeg", 1200).notScaled()).isEmpty();
        assertThat(ImageScaler.fit(notAnImage, "image/gif", 1200).bytes()).isSameAs(notAnImage);
    }
}
