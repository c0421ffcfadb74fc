package org.imrap.bulletin.recipients;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.io.MalformedTextException;
import org.imrap.bulletin.io.StrictText;

/**
 * How a CSV file is written — encoding, byte-order mark, separator, line ending — found by reading
 * it, so that it can be read right and edited without changing anything else in it.
 *
 * <p>Staff keep these files in Excel or LibreOffice: UTF-8 with or without a byte-order mark is
 * read as it is; a file that is not UTF-8 but is valid Windows-1252 (Excel's "CSV" in a French
 * locale) is read as Windows-1252 with a warning; anything else is refused. The separator is the
 * one of {@code , ; TAB} that the header line uses most.
 */
public record CsvFormat(Charset charset, boolean byteOrderMark, char separator, String lineEnding) {
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    static final CsvFormat NEW_FILE = new CsvFormat(StandardCharsets.UTF_8, false, ',', "\n");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    public boolean isWindows1252() {
        return charset.equals(WINDOWS_1252);
    }

    /** Reads the whole file once, in constant memory, to find its format. */
    public static CsvFormat detect(Path file) {
        try {
            Scan scan = Scan.of(file);
            byte[] head = scan.head();
            if (head.length >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                    || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
                throw refused(file, 0, t("csv.utf16"));
            }
            boolean bom = startsWith(head, UTF8_BOM);
            Optional<Integer> badUtf8Line = scan.utf8().map(MalformedTextException::line);
            Charset charset = StandardCharsets.UTF_8;
            if (badUtf8Line.isPresent()) {
                Optional<Integer> badCp1252Line = bom ? badUtf8Line : scan.windows1252().map(MalformedTextException::line);
                if (badCp1252Line.isPresent() || scan.nul()) {
                    throw refused(file, badUtf8Line.get(), t("csv.encoding"));
                }
                charset = WINDOWS_1252;
            } else if (scan.nul()) {
                throw refused(file, 0, t("csv.nul"));
            }
            String text = new String(head, charset);
            if (bom) {
                text = text.substring(1);
            }
            return new CsvFormat(charset, bom, separatorOf(firstLine(text)), lineEndingOf(text));
        } catch (IOException e) {
            throw new BadDataException(t("csv.refused", file.getFileName()), java.util.List.of(Problem.wholeFile(file, t("file.unreadable", e.getMessage()))),
                    null);
        }
    }

    private static BadDataException refused(Path file, int line, String what) {
        return new BadDataException(t("csv.refused", file.getFileName()), java.util.List.of(new Problem(file, line, what)),
                t("csv.refused.hint"));
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** What one pass over the file's bytes found: its first 64 KB, whether it holds a NUL, and how it decodes. */
    private record Scan(byte[] head, boolean nul, Optional<MalformedTextException> utf8,
                        Optional<MalformedTextException> windows1252) {
        private static final int HEAD = 64 * 1024;

        static Scan of(Path file) throws IOException {
            java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
            StrictText.Check utf8 = new StrictText.Check(file, StandardCharsets.UTF_8);
            StrictText.Check windows1252 = new StrictText.Check(file, WINDOWS_1252);
            boolean nul = false;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    head.write(buffer, 0, Math.min(n, Math.max(0, HEAD - head.size())));
                    for (int i = 0; i < n && !nul; i++) {
                        nul = buffer[i] == 0;
                    }
                    utf8.feed(buffer, n);
                    windows1252.feed(buffer, n);
                }
            }
            return new Scan(head.toByteArray(), nul, utf8.end(), windows1252.end());
        }
    }

    private static String firstLine(String text) {
        return text.lines().filter(line -> !line.isBlank()).findFirst().orElse("");
    }

    static char separatorOf(String headerLine) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (char c : headerLine.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> commas++;
                    case ';' -> semicolons++;
                    case '\t' -> tabs++;
                    default -> { }
                }
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    private static String lineEndingOf(String text) {
        int newline = text.indexOf('\n');
        if (newline > 0 && text.charAt(newline - 1) == '\r') {
            return "\r\n";
        }
        return newline >= 0 || text.indexOf('\r') < 0 ? "\n" : "\r";
    }

    /** The separator as a person would name it. */
    public String separatorName() {
        return switch (separator) {
            case ';' -> "semicolon";
            case '\t' -> "tab";
            default -> "comma";
        };
    }
}
