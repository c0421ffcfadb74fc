package org.imrap.bulletin.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text as 8-bit MIME content (RFC 2045 §2.8, RFC 6152): UTF-8 as it is, lines ending in CRLF, none longer
 * than 998 octets (RFC 5322 §2.1.1) and no NUL. French accents cost their 2 UTF-8 octets instead of the
 * 6 of quoted-printable ({@code =C3=A9}).
 */
final class EightBitText {
    static final int MAX_LINE = 998;

    private EightBitText() {
    }

    /** The content, or null when a line is too long or holds a NUL: that part goes quoted-printable. */
    static byte[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + bytes.length / 40);
        int line = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    i++;
                }
                out.write('\r');
                out.write('\n');
                line = 0;
            } else if (b == 0 || ++line > MAX_LINE) {
                return null;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
