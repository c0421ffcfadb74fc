package org.imrap.bulletin;

/**
 * Text from outside — a server's reply, a file's content or name, a header value — as it may be shown
 * on a terminal: control characters would let it move the cursor, clear the screen, set the window's
 * title or hide what follows ({@code ESC ]0;… BEL}, {@code ESC [2J}). They are shown escaped instead:
 * {@code \n}, {@code \r}, {@code \t}, {@code \x1B}, and invisible or direction-changing characters as
 * {@code <U+202E>}. Every value {@link Text#t} puts into a message goes through here.
 */
public final class Printable {
    private Printable() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int i = 0;
        while (i < text.length() && isSafe(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 8);
        shown.append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isSafe(c)) {
                shown.append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = text.codePointAt(i);
                if (Character.getType(codePoint) == Character.FORMAT || Character.getType(codePoint) == Character.PRIVATE_USE) {
                    shown.append(String.format("<U+%04X>", codePoint));
                } else {
                    shown.appendCodePoint(codePoint);
                }
                i++;
            } else {
                shown.append(escaped(c));
            }
        }
        return shown.toString();
    }

    private static String escaped(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c < 0x100 && Character.isISOControl(c) ? String.format("\\x%02X", (int) c) : String.format("<U+%04X>", (int) c);
        };
    }

    /** Printable as it is: not a control, format (zero-width, bidi), separator other than space, or surrogate character. */
    private static boolean isSafe(char c) {
        if (c >= 0x20 && c < 0x7F) {
            return true;
        }
        if (c < 0xA0 || Character.isSurrogate(c)) {
            return false;
        }
        int type = Character.getType(c);
        return type != Character.FORMAT && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.SPACE_SEPARATOR && type != Character.UNASSIGNED && type != Character.PRIVATE_USE;
    }
}
