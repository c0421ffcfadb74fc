package org.imrap.bulletin.io;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.Problem;

/**
 * Reads a file of {@link LogCodec} rows — a send journal, {@code inbox.csv}, {@code bounces.csv} — with
 * certainty or not at all: a header it does not know, a line that does not parse, text that is not
 * UTF-8 or line ends other than LF and CRLF (a file re-saved as "CSV Macintosh" ends lines with CR
 * alone) stop the reader with one {@link BadDataException} naming the file and line. It never
 * guesses: a file misread as empty would send everyone the bulletin again.
 *
 * <p>The last line is the one a crash can cut short. Without its line end it is either a complete
 * row (an editor dropped the final newline: it counts, and the next append starts a new line), or
 * the beginning of a row bulletin was writing when it died — a prefix of the row's {@code shape},
 * or the NUL bytes a power cut leaves — which is ignored and cut off by the next append. Anything
 * else is damage, and stops the reader. A complete row is never cut.
 */
public final class LogReader {
    /** A value of a row as {@link LogCodec} writes it: quoted, or without commas and quotes. */
    public static final String FIELD = "(?:\"(?:[^\"]|\"\")*+\"|[^\",]*+)";
    /** The time at the start of every row, as {@link java.time.Instant#toString} writes it. */
    public static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?Z";

    private LogReader() {
    }

    /** Takes each complete row; may throw {@link BadDataException} for a row it cannot use. */
    @FunctionalInterface
    public interface RowHandler {
        void row(int line, List<String> values);
    }

    /**
     * How the file ends.
     *
     * @param keep         the length to keep before appending: everything but a torn last row
     * @param needsLineEnd the last row is complete but has no line end: write one before the next row
     * @param torn         a row cut short by a crash was found at the end (and is not counted)
     */
    public record Tail(long keep, boolean needsLineEnd, boolean torn) {
        /** The file as written so far holds no header yet. */
        public boolean empty() {
            return keep == 0;
        }
    }

    /** The shape of a row whose first value is a time and which has {@code values} values in all. */
    public static Pattern timedRow(int values) {
        return Pattern.compile(TIME + ("," + FIELD).repeat(values - 1));
    }

    /**
     * Reads {@code file} (which must exist) and hands every complete row after the header to
     * {@code handler}, in order, with its line number.
     */
    public static Tail read(Path file, List<String> header, Pattern shape, RowHandler handler) {
        try (InputStream in = Files.newInputStream(file)) {
            return new Scan(file, header, shape, handler).run(in);
        } catch (IOException e) {
            throw damaged(file, 0, t("file.unreadable", e.getMessage()));
        }
    }

    private static final class Scan {
        private final Path file;
        private final List<String> header;
        private final Pattern shape;
        private final RowHandler handler;
        private byte[] line = new byte[256];
        private int length;
        private int lineNumber;
        private long lineStart;

        Scan(Path file, List<String> header, Pattern shape, RowHandler handler) {
            this.file = file;
            this.header = header;
            this.shape = shape;
            this.handler = handler;
        }

        Tail run(InputStream in) throws IOException {
            byte[] chunk = new byte[64 * 1024];
            long offset = 0;
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        append(chunk, from, i - from);
                        lineNumber++;
                        completeLine();
                        length = 0;
                        lineStart = offset + i + 1;
                        from = i + 1;
                    }
                }
                append(chunk, from, n - from);
                offset += n;
            }
            return tail(offset);
        }

        private void append(byte[] bytes, int from, int count) {
            if (length + count > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
            }
            System.arraycopy(bytes, from, line, length, count);
            length += count;
        }

        /** A line that ended with LF (its CR, if CRLF, still on). */
        private void completeLine() {
            int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
            requireNoLoneCr(end);
            String text;
            try {
                text = StrictText.decode(file, line, 0, end);
            } catch (MalformedTextException e) {
                throw damaged(file, lineNumber, t("log.notUtf8", e.column()));
            }
            if (lineNumber == 1) {
                checkHeader(text);
            } else if (!text.isEmpty()) {
                handler.row(lineNumber, parse(text));
            }
        }

        /** The bytes after the last LF: nothing, a row without its line end, or a torn row. */
        private Tail tail(long size) {
            if (length == 0) {
                return new Tail(size, false, false);
            }
            lineNumber++;
            requireNoLoneCr(length);
            if (allNul()) {
                return new Tail(lineStart, false, true);
            }
            String text;
            try {
                text = StrictText.decode(file, line, 0, length);
            } catch (MalformedTextException e) {
                if (cutInsideCharacter()) {
                    return new Tail(lineStart, false, true);
                }
                throw damaged(file, lineNumber, t("log.notUtf8", e.column()));
            }
            if (lineNumber == 1) {
                String expected = LogCodec.encode(header);
                String written = withoutBom(text);
                if (written.equals(expected)) {
                    return new Tail(size, true, false);
                }
                if (expected.startsWith(written)) {
                    return new Tail(0, false, true);
                }
                checkHeader(text);
            }
            Matcher matcher = shape.matcher(text);
            if (matcher.matches()) {
                handler.row(lineNumber, parse(text));
                return new Tail(size, true, false);
            }
            if (matcher.hitEnd()) {
                return new Tail(lineStart, false, true);
            }
            throw damaged(file, lineNumber, t("log.badTail"));
        }

        private void requireNoLoneCr(int end) {
            for (int i = 0; i < end; i++) {
                if (line[i] == '\r') {
                    throw damaged(file, lineNumber, t("log.crOnly"));
                }
            }
        }

        private boolean allNul() {
            for (int i = 0; i < length; i++) {
                if (line[i] != 0) {
                    return false;
                }
            }
            return true;
        }

        /** The text ends inside a character whose other bytes never reached the disk. */
        private boolean cutInsideCharacter() {
            for (int cut = 1; cut <= 3 && cut < length; cut++) {
                int lead = line[length - cut] & 0xFF;
                if (lead >= 0xC0) {
                    int needs = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
                    return cut < needs && isText(length - cut);
                }
                if (lead < 0x80) {
                    return false;
                }
            }
            return false;
        }

        private boolean isText(int end) {
            try {
                StrictText.decode(file, line, 0, end);
                return true;
            } catch (MalformedTextException e) {
                return false;
            }
        }

        private void checkHeader(String text) {
            List<String> found;
            try {
                found = LogCodec.decode(withoutBom(text));
            } catch (LogCodec.MalformedRow e) {
                found = List.of();
            }
            if (!found.equals(header)) {
                throw damaged(file, lineNumber, t("log.badHeader", String.join(",", header)));
            }
        }

        private List<String> parse(String text) {
            List<String> values;
            try {
                values = LogCodec.decode(text);
            } catch (LogCodec.MalformedRow e) {
                throw damaged(file, lineNumber, t("log.badRow", e.getMessage()));
            }
            if (values.size() != header.size()) {
                throw damaged(file, lineNumber, t("log.values", header.size(), values.size()));
            }
            return values;
        }

        private static String withoutBom(String text) {
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
    }

    /** The file cannot be read with certainty: exit 65, naming the file and line. */
    public static BadDataException damaged(Path file, int line, String why) {
        return new BadDataException(t("log.unreadable", file.getFileName()), List.of(new Problem(file, line, why)),
                t("log.unreadable.hint"));
    }
}
