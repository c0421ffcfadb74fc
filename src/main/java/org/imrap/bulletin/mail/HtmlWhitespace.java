package org.imrap.bulletin.mail;

import java.util.Locale;

/**
 * Takes out of a rendered HTML part the whitespace no reader sees: the indentation of the templates,
 * spaces at line ends and blank lines. Every line break stays (a break is whitespace, as the
 * indentation was: HTML collapses whitespace runs to one space, HTML 4.01 §9.1), so the rendering is the
 * same; inside {@code <pre>}, {@code <textarea>} and {@code <script>} nothing is touched. Lines longer than
 * {@link #MAX_LINE} octets are broken at a space between words (not inside a tag), so that the part can
 * travel as 8-bit text (RFC 5322 §2.1.1: at most 998 octets a line); a line with no such space stays long.
 */
final class HtmlWhitespace {
    /** The longest line kept, in UTF-8 octets, below RFC 5322's 998. */
    static final int MAX_LINE = 990;
    private static final String[] KEPT = {"pre", "textarea", "script"};

    private HtmlWhitespace() {
    }

    static String trim(String html) {
        StringBuilder out = new StringBuilder(html.length());
        int length = html.length();
        int i = 0;
        String keptUntil = null;  // the closing tag that ends a part kept as it is
        boolean lineStart = true;
        boolean inTag = false;
        int lineOctets = 0;
        int lastSpace = -1;  // in out: a space between words on the current line, where it may be broken
        while (i < length) {
            char c = html.charAt(i);
            if (keptUntil != null) {
                if (c == '<' && html.regionMatches(true, i, keptUntil, 0, keptUntil.length())) {
                    keptUntil = null;
                    continue;
                }
                out.append(c);
                i++;
                if (c == '\n') {
                    lineOctets = 0;
                    lastSpace = -1;
                }
                continue;
            }
            if (c == '\r' || c == '\n') {
                // The spaces before it go; blank lines go.
                int end = out.length();
                while (end > 0 && isBlank(out.charAt(end - 1))) {
                    end--;
                }
                out.setLength(end);
                if (end > 0 && out.charAt(end - 1) != '\n') {
                    out.append('\n');
                }
                lineStart = true;
                lineOctets = 0;
                lastSpace = -1;
                i++;
                continue;
            }
            if (lineStart && isBlank(c)) {
                i++;
                continue;
            }
            lineStart = false;
            if (c == '<') {
                inTag = true;
                String kept = keptElement(html, i);
                if (kept != null) {
                    keptUntil = "</" + kept;
                    int close = html.indexOf('>', i);
                    int end = close < 0 ? length : close + 1;
                    out.append(html, i, end);
                    i = end;
                    inTag = false;
                    continue;
                }
            } else if (c == '>') {
                inTag = false;
            } else if (c == ' ' && !inTag) {
                lastSpace = out.length();
            }
            out.append(c);
            lineOctets += octets(c);
            if (lineOctets > MAX_LINE && lastSpace >= 0) {
                out.setCharAt(lastSpace, '\n');
                lineOctets = octets(out, lastSpace + 1);
                lastSpace = -1;
            }
            i++;
        }
        return out.toString();
    }

    /** The name of an element whose content is kept as it is, if one starts at {@code at}. */
    private static String keptElement(String html, int at) {
        for (String name : KEPT) {
            int end = at + 1 + name.length();
            if (html.regionMatches(true, at + 1, name, 0, name.length()) && end < html.length()) {
                char next = html.charAt(end);
                if (next == '>' || Character.isWhitespace(next)) {
                    return name.toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** UTF-8 octets of one char (a surrogate counts 2: its pair makes 4). */
    private static int octets(char c) {
        return c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }

    private static int octets(CharSequence text, int from) {
        int count = 0;
        for (int i = from; i < text.length(); i++) {
            count += octets(text.charAt(i));
        }
        return count;
    }
}
