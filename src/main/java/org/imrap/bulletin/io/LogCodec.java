package org.imrap.bulletin.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The one way bulletin writes and reads a row of the files it keeps for itself — the send journals,
 * {@code journal/inbox.csv}, {@code journal/bounces.csv}: one row a line, RFC 4180 quoting, every value
 * made {@link #printable} and {@link SpreadsheetCell neutralised} on the way out and restored on the way
 * in. Since no value written ever holds a line break, a row is always exactly one line, and a line that
 * does not parse is damage, never a value that goes on.
 *
 * <p>{@code decode(encode(values))} equals {@code values} with each value made printable (a property
 * test holds it over arbitrary text).
 */
public final class LogCodec {
    /** What a character that cannot be written is replaced with. */
    public static final char REPLACEMENT = '\uFFFD';

    private LogCodec() {
    }

    /** Thrown for a line that is not a well-formed row. */
    public static final class MalformedRow extends Exception {
        MalformedRow(String message) {
            super(message);
        }
    }

    /** One line (without its line end) holding {@code values}. */
    public static String encode(List<String> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String value = SpreadsheetCell.neutralise(printable(values.get(i)));
            if (needsQuotes(value)) {
                line.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                line.append(value);
            }
        }
        return line.toString();
    }

    private static boolean needsQuotes(String value) {
        return value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || !value.equals(value.strip());
    }

    /**
     * The values of one line, strictly as RFC 4180 says: a quoted value ends at a quote not doubled,
     * and is followed by a comma or the end of the line.
     */
    public static List<String> decode(String line) throws MalformedRow {
        List<String> values = new ArrayList<>();
        int i = 0;
        int length = line.length();
        while (true) {
            StringBuilder value = new StringBuilder();
            if (i < length && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= length) {
                        throw new MalformedRow("a quoted value is not closed");
                    }
                    char c = line.charAt(i++);
                    if (c != '"') {
                        value.append(c);
                    } else if (i < length && line.charAt(i) == '"') {
                        value.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                if (i < length && line.charAt(i) != ',') {
                    throw new MalformedRow("a character follows a closing quote at column " + (i + 1));
                }
            } else {
                while (i < length && line.charAt(i) != ',') {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        throw new MalformedRow("a quote inside an unquoted value at column " + i);
                    }
                    value.append(c);
                }
            }
            values.add(SpreadsheetCell.restore(value.toString()));
            if (i >= length) {
                return values;
            }
            i++; // the comma
        }
    }

    /**
     * The text with every control character (C0, DEL, C1), line or paragraph separator and unpaired
     * surrogate replaced by {@link #REPLACEMENT}: what a server's reply, a report or a file may hold
     * and no row may.
     */
    public static String printable(String text) {
        int i = 0;
        while (i < text.length() && isPrintable(text, i)) {
            i += Character.charCount(text.codePointAt(i));
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length());
        clean.append(text, 0, i);
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            clean.appendCodePoint(isPrintable(text, i) ? codePoint : REPLACEMENT);
            i += Character.charCount(codePoint);
        }
        return clean.toString();
    }

    private static boolean isPrintable(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return !Character.isLowSurrogate(c) && !Character.isISOControl(c) && c != '\u2028' && c != '\u2029';
    }
}
