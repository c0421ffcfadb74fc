package org.imrap.bulletin.fuzz;

import java.util.Random;

/** Random text: mostly what people type, with everything else Unicode holds mixed in. */
public final class Texts {
    private Texts() {
    }

    /** {@code length} code points from every kind: ASCII, controls, Latin-1, C1, the rest of the BMP, emoji, lone surrogates. */
    public static String arbitrary(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            int codePoint = switch (kind) {
                case 0, 1, 2, 3 -> 0x20 + random.nextInt(0x5F);
                case 4 -> random.nextInt(0x20);
                case 5 -> 0x7F + random.nextInt(0x81);
                case 6 -> random.nextInt(0x10000);
                case 7 -> 0x1F300 + random.nextInt(0x300);
                case 8 -> new int[] {0x00A0, 0x200B, 0x200E, 0x2028, 0x2029, 0xFEFF, 0xFFFD, 0xFFFE, 0x0085}[random.nextInt(9)];
                default -> random.nextInt(0x110000);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    /** Words of French news, sometimes with an arbitrary character in them. */
    public static String words(Random random, int count) {
        String[] words = {"Kangaba", "Ségou", "formation", "des", "collecteurs", "récits", "« paix »", "changement",
            "l'IMRAP", "2022", "août", "?", "!", ":", ";"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i > 0 ? " " : "").append(random.nextInt(20) == 0 ? arbitrary(random, 1) : words[random.nextInt(words.length)]);
        }
        return text.toString();
    }

    /**
     * Text heavy in what breaks CSV files, terminals and spreadsheets — NUL, quotes, commas, CR, LF,
     * formula starters, escapes, invisible and non-BMP characters, lone surrogates — or arbitrary.
     */
    public static String hostile(Random random) {
        String[] known = {"", "'", "''=", "'=1+1", "=cmd|' /C calc'!A0", "550 5.1.1 bad\0\"x\0,y", "a\r\nb", "a\rb", "\"\"",
            " x ", "\uD83D\uDE00", "\uD801\uDC37", "\uD800", "\uDC00x"};
        String alphabet = "\0\",\r\n'=+-@\t \u001B\u0085\u2028\uFEFF\uD800\uDC00aé\u0007";
        return switch (random.nextInt(4)) {
            case 0 -> known[random.nextInt(known.length)];
            case 1 -> arbitrary(random, random.nextInt(30));
            default -> {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(30);
                for (int i = 0; i < length; i++) {
                    text.append(random.nextInt(8) == 0 ? known[random.nextInt(known.length)]
                            : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
                }
                yield text.toString();
            }
        };
    }
}
