package org.imrap.bulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Text encoded quoted-printable (RFC 2045 §6.7) in UTF-8, line by line, remembering lines already
 * encoded. Quoted-printable encodes each line on its own (soft breaks and trailing spaces never cross
 * a line end), and almost every line of a bulletin is the same for everyone: only the greeting and
 * an unsubscribe link differ. So each message costs a lookup per line instead of encoding every byte.
 * The encoding itself is Angus's ({@link MimeUtility#encode}); line ends become CRLF as there.
 */
final class EncodedLines {
    /** Lines remembered; beyond that (personal lines in a very long list), lines are encoded afresh. */
    private static final int MAX_REMEMBERED = 20_000;
    private static final byte[] CRLF = {'\r', '\n'};

    private final Map<String, byte[]> remembered = new ConcurrentHashMap<>();

    /** The whole text, encoded; a line end (CRLF, CR or LF) becomes CRLF. */
    byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + text.length() / 4 + 16);
        int start = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                out.writeBytes(line(text.substring(start, i)));
                out.writeBytes(CRLF);
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < length) {
            out.writeBytes(line(text.substring(start)));
        }
        return out.toByteArray();
    }

    private byte[] line(String line) {
        byte[] encoded = remembered.get(line);
        if (encoded == null) {
            encoded = encodeLine(line);
            if (remembered.size() < MAX_REMEMBERED) {
                remembered.put(line, encoded);
            }
        }
        return encoded;
    }

    private static byte[] encodeLine(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(line.length() + 16);
        try (OutputStream encoder = MimeUtility.encode(out, "quoted-printable")) {
            encoder.write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
