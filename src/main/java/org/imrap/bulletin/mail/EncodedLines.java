package org.imrap.bulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Text encoded quoted-printable (RFC 2045 §6.7) in UTF-8, line by line, reusing lines already
 * encoded. Quoted-printable encodes each line on its own (soft breaks and trailing spaces never cross
 * a line end), and almost every line of a bulletin is the same for everyone, in the same place: only
 * the greeting and an unsubscribe link differ. So a line is first compared with the line in the same
 * place of the last text this thread encoded, then looked up among the lines remembered, and only
 * then encoded. The encoding itself is Angus's ({@link MimeUtility#encode}); line ends become CRLF as
 * there. One instance per kind of text (plain, HTML), so that "the last text" is of the same kind.
 */
final class EncodedLines {
    /** Lines remembered; beyond that (personal lines in a very long list), lines are encoded afresh. */
    private static final int MAX_REMEMBERED = 20_000;
    private static final byte[] CRLF = {'\r', '\n'};

    private final Map<String, byte[]> remembered = new ConcurrentHashMap<>();
    private final ThreadLocal<Lines> last = ThreadLocal.withInitial(() -> new Lines(new String[0], new byte[0][]));

    /** The lines of a text and their encodings, by position. */
    private record Lines(String[] text, byte[][] encoded) {
    }

    /** The whole text, encoded; a line end (CRLF, CR or LF) becomes CRLF. */
    byte[] encode(String text) {
        Lines before = last.get();
        List<String> lines = new ArrayList<>(before.text().length + 16);
        List<byte[]> encodings = new ArrayList<>(before.text().length + 16);
        int size = 0;
        boolean endsWithBreak = false;
        boolean onlyLineFeeds = text.indexOf('\r') < 0;
        int length = text.length();
        int start = 0;
        while (true) {
            int end = onlyLineFeeds ? text.indexOf('\n', start) : nextBreak(text, start);
            if (end < 0) {
                end = length;
            }
            int index = lines.size();
            String line;
            byte[] encoded;
            if (index < before.text().length && sameText(text, start, end, before.text()[index])) {
                line = before.text()[index];
                encoded = before.encoded()[index];
            } else {
                line = text.substring(start, end);
                encoded = line(line);
            }
            lines.add(line);
            encodings.add(encoded);
            size += encoded.length;
            if (end == length) {
                break;
            }
            size += CRLF.length;
            start = end + (text.charAt(end) == '\r' && end + 1 < length && text.charAt(end + 1) == '\n' ? 2 : 1);
            if (start == length) {
                endsWithBreak = true;
                break;
            }
        }
        byte[][] encoded = encodings.toArray(byte[][]::new);
        last.set(new Lines(lines.toArray(String[]::new), encoded));
        return joined(encoded, size, endsWithBreak);
    }

    /** The lines with CRLF between them (and after the last when the text ended with a line break), in one array. */
    private static byte[] joined(byte[][] lines, int size, boolean endsWithBreak) {
        byte[] out = new byte[size];
        int at = 0;
        for (int i = 0; i < lines.length; i++) {
            System.arraycopy(lines[i], 0, out, at, lines[i].length);
            at += lines[i].length;
            if (i < lines.length - 1 || endsWithBreak) {
                out[at++] = '\r';
                out[at++] = '\n';
            }
        }
        return out;
    }

    private static int nextBreak(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameText(String text, int start, int end, String line) {
        return line.length() == end - start && text.regionMatches(start, line, 0, end - start);
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
