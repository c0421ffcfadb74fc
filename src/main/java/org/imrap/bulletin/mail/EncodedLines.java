package org.imrap.bulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 *
 * <p>The work is done on the text's UTF-8 bytes, which the encoding needs anyway: a line the same as
 * the last text's is recognised by comparing its bytes in bulk, without looking for its end (no byte
 * of a multi-byte UTF-8 character is CR or LF).
 */
final class EncodedLines {
    /** Lines remembered; beyond that (personal lines in a very long list), lines are encoded afresh. */
    private static final int MAX_REMEMBERED = 20_000;

    private final Map<Line, byte[]> remembered = new ConcurrentHashMap<>();
    private final ThreadLocal<Lines> last = ThreadLocal.withInitial(() -> new Lines(new byte[0], new int[0], new int[0],
            new byte[0][]));

    /** A text's bytes, where each of its lines starts and ends there, and the lines encoded. */
    private record Lines(byte[] text, int[] starts, int[] ends, byte[][] encoded) {
        int count() {
            return starts.length;
        }
    }

    /** A line's bytes, as the key of a remembered encoding. */
    private record Line(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Line line && Arrays.equals(bytes, line.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** The whole text, encoded; a line end (CRLF, CR or LF) becomes CRLF. */
    byte[] encode(String text) {
        Lines before = last.get();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int capacity = before.count() + 16;
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        byte[][] encodings = new byte[capacity][];
        int count = 0;
        int size = 0;
        boolean endsWithBreak = false;
        int length = bytes.length;
        int start = 0;
        while (true) {
            int end = -1;
            byte[] encoded = null;
            if (count < before.count()) {
                int from = before.starts()[count];
                int to = before.ends()[count];
                int candidate = start + to - from;
                if (candidate <= length && (candidate == length || isBreak(bytes[candidate]))
                        && Arrays.equals(bytes, start, candidate, before.text(), from, to)) {
                    end = candidate;
                    encoded = before.encoded()[count];
                }
            }
            if (encoded == null) {
                end = nextBreak(bytes, start);
                encoded = line(Arrays.copyOfRange(bytes, start, end));
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
                encodings = Arrays.copyOf(encodings, count * 2);
            }
            starts[count] = start;
            ends[count] = end;
            encodings[count++] = encoded;
            size += encoded.length;
            if (end == length) {
                break;
            }
            size += 2;  // CRLF
            start = end + (bytes[end] == '\r' && end + 1 < length && bytes[end + 1] == '\n' ? 2 : 1);
            if (start == length) {
                endsWithBreak = true;
                break;
            }
        }
        byte[][] encoded = Arrays.copyOf(encodings, count);
        last.set(new Lines(bytes, Arrays.copyOf(starts, count), Arrays.copyOf(ends, count), encoded));
        return joined(encoded, size, endsWithBreak);
    }

    private static boolean isBreak(byte b) {
        return b == '\n' || b == '\r';
    }

    /** Where the line starting at {@code from} ends: its CR or LF, or the end of the text. */
    private static int nextBreak(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (isBreak(bytes[i])) {
                return i;
            }
        }
        return bytes.length;
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

    private byte[] line(byte[] line) {
        Line key = new Line(line);
        byte[] encoded = remembered.get(key);
        if (encoded == null) {
            encoded = encodeLine(line);
            if (remembered.size() < MAX_REMEMBERED) {
                remembered.put(key, encoded);
            }
        }
        return encoded;
    }

    private static byte[] encodeLine(byte[] line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(line.length + 16);
        try (OutputStream encoder = MimeUtility.encode(out, "quoted-printable")) {
            encoder.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
