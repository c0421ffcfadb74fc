package org.imrap.bulletin.io;

/**
 * Keeps a value that bulletin writes into a file staff open in Excel or LibreOffice from being run as a
 * formula (OWASP, "CSV Injection"): a value starting with {@code = + - @}, a tab or a carriage return
 * is written with a leading apostrophe, which spreadsheets show as text. {@link #restore} takes the
 * apostrophe off again, so bulletin reads back exactly what it wrote.
 *
 * <p>A value that itself starts with apostrophes before such a character gets one more, so that
 * {@code restore(neutralise(v)) == v} for every value, and a value neutralise leaves alone is left alone
 * by restore too.
 */
public final class SpreadsheetCell {
    private SpreadsheetCell() {
    }

    /** The value as it may be written into a cell. */
    public static String neutralise(String value) {
        return looksLikeFormula(value) ? "'" + value : value;
    }

    /** The value neutralise was given. */
    public static String restore(String cell) {
        return cell.startsWith("'") && looksLikeFormula(cell.substring(1)) ? cell.substring(1) : cell;
    }

    /** True when a spreadsheet could take the value for a formula, or it is one neutralised already. */
    public static boolean looksLikeFormula(String value) {
        int i = 0;
        while (i < value.length() && value.charAt(i) == '\'') {
            i++;
        }
        return i < value.length() && startsFormula(value.charAt(i));
    }

    /** The characters a spreadsheet reads a formula after (OWASP's list). */
    public static boolean startsFormula(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
