package org.imrap.bulletin.recipients;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.io.AtomicFile;
import org.imrap.bulletin.io.CsvLine;

/**
 * The text of a CSV file as lines, for edits that change only what they must: other rows keep
 * their bytes, and the file keeps its encoding, byte-order mark, separator and line endings.
 */
final class CsvText {
    private static final Pattern LINE = Pattern.compile("[^\\r\\n]*(\\r\\n|\\n|\\r)|[^\\r\\n]+$");

    private final CsvFormat format;
    private final List<String> lines;

    private CsvText(CsvFormat format, List<String> lines) {
        this.format = format;
        this.lines = lines;
    }

    static CsvText empty(CsvFormat format) {
        return new CsvText(format, new ArrayList<>());
    }

    static CsvText read(Path file, CsvFormat format) {
        try {
            String text = new String(Files.readAllBytes(file), format.charset());
            if (format.byteOrderMark() && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            List<String> lines = new ArrayList<>();
            Matcher matcher = LINE.matcher(text);
            while (matcher.find()) {
                lines.add(matcher.group());
            }
            return new CsvText(format, lines);
        } catch (IOException e) {
            throw new BulletinException(ExitCode.NO_INPUT, t("file.cannotRead", file, e.getMessage()), null);
        }
    }

    /** Adds a record at the end, quoting values as RFC 4180 requires. */
    void append(List<String> values) {
        int last = lines.size() - 1;
        if (last >= 0 && !lines.get(last).endsWith("\n") && !lines.get(last).endsWith("\r")) {
            lines.set(last, lines.get(last) + format.lineEnding());
        }
        lines.add(CsvLine.format(values, format.separator()) + format.lineEnding());
    }

    /** Removes lines {@code first} to {@code last} (1-based, inclusive). Call from the last span to the first. */
    void removeLines(int first, int last) {
        lines.subList(first - 1, last).clear();
    }

    /** Writes the file in one step (see {@link AtomicFile}); refuses text its encoding cannot hold. */
    void writeTo(Path file) {
        String text = (format.byteOrderMark() ? "\uFEFF" : "") + String.join("", lines);
        ByteBuffer bytes;
        try {
            bytes = format.charset().newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new BulletinException(ExitCode.DATA_ERROR, t("csv.cannotHold", file, format.charset().displayName()), t("csv.cannotHold.hint"));
        }
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        AtomicFile.write(file, array);
    }
}
