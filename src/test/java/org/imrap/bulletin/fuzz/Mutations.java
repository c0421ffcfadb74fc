package org.imrap.bulletin.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Ways to damage a file the way editors, spreadsheets, copy and paste and attackers do: bytes
 * inserted, deleted, replaced or repeated (thousands of times, for nesting), pieces of another file
 * spliced in, another encoding, another line ending, a byte-order mark.
 */
public final class Mutations {
    /** Bytes and words that mean something to one of the readers. */
    private static final List<String> TOKENS = List.of(
            "---", "\n---\n", "title:", "place:", "date:", "link:", "image:", "summary:", "date: 2022-13-45",
            "link: javascript:alert(1)", ": ", "[", "]", "{", "}", "? ", "- ", "&a ", "*a", "!!binary ", "!!map ",
            "%YAML 1.2\n", "|\n", ">-\n", "#", "'", "\"", "\"\"", ",", ";", "\t", "\r", "\r\n", "\n", "\n\n",
            "\\", "`", "```", "    ", ">", "> ", "1. ", "* ", "_", "**", "![", "](", ")", "<", "<script>",
            "](javascript:alert(1))", "<https://example.org>", "&amp;", "&#0;", "\u0000", "\u00A0", "\u200B",
            "\u2028", "\uFEFF", "\uFFFD", "\uD83D\uDE00", "é", "Ségou", "=", "+", "@", "email", "name",
            "awa.traore@example.org", "\"gone.person\"@example.org", "a@xn--", "@example.org", "mailto:",
            "%0d%0a", "Bcc: x@example.org");
    private static final byte[] INTERESTING_BYTES = {0x00, 0x0A, 0x0D, 0x09, 0x22, 0x2C, 0x3B, 0x5B, 0x7B, 0x3E,
        0x2A, 0x5F, 0x2D, 0x3A, 0x60, 0x5C, 0x7F, (byte) 0x80, (byte) 0x81, (byte) 0x9D, (byte) 0xA0,
        (byte) 0xC3, (byte) 0xE9, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xFE, (byte) 0xFF};
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Mutations() {
    }

    /** {@code original} with one to eight damages; {@code others} are files to splice from. */
    public static byte[] mutate(Random random, byte[] original, List<byte[]> others) {
        byte[] bytes = original;
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            bytes = once(random, bytes, others);
        }
        return bytes;
    }

    private static byte[] once(Random random, byte[] bytes, List<byte[]> others) {
        int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
        return switch (random.nextInt(13)) {
            case 0 -> insert(bytes, at, randomBytes(random, 1 + random.nextInt(16)));
            case 1 -> insert(bytes, at, token(random).getBytes(StandardCharsets.UTF_8));
            case 2 -> insert(bytes, at, token(random).repeat(1 + random.nextInt(random.nextBoolean() ? 20 : 6000))
                    .getBytes(StandardCharsets.UTF_8));
            case 3 -> replace(bytes, random, INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]);
            case 4 -> replace(bytes, random, (byte) random.nextInt(256));
            case 5 -> delete(bytes, at, 1 + random.nextInt(random.nextBoolean() ? 4 : 200));
            case 6 -> duplicate(bytes, random);
            case 7 -> others.isEmpty() ? bytes : splice(bytes, at, others.get(random.nextInt(others.size())), random);
            case 8 -> lineEndings(bytes, random.nextBoolean() ? "\r\n" : "\r");
            case 9 -> insert(bytes, 0, random.nextBoolean() ? new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}
                    : random.nextBoolean() ? new byte[] {(byte) 0xFF, (byte) 0xFE} : new byte[] {(byte) 0xFE, (byte) 0xFF});
            case 10 -> reencode(bytes, random.nextInt(3) == 0 ? StandardCharsets.UTF_16LE : WINDOWS_1252);
            case 11 -> java.util.Arrays.copyOf(bytes, at);
            default -> insert(bytes, at, Texts.arbitrary(random, 1 + random.nextInt(40)).getBytes(StandardCharsets.UTF_8));
        };
    }

    public static String token(Random random) {
        return TOKENS.get(random.nextInt(TOKENS.size()));
    }

    public static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    public static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        byte[] result = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at, result, at + inserted.length, bytes.length - at);
        return result;
    }

    private static byte[] replace(byte[] bytes, Random random, byte value) {
        if (bytes.length == 0) {
            return new byte[] {value};
        }
        byte[] result = bytes.clone();
        result[random.nextInt(result.length)] = value;
        return result;
    }

    private static byte[] delete(byte[] bytes, int at, int length) {
        int end = Math.min(bytes.length, at + length);
        byte[] result = new byte[bytes.length - (end - at)];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(bytes, end, result, at, bytes.length - end);
        return result;
    }

    private static byte[] duplicate(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return bytes;
        }
        int from = random.nextInt(bytes.length);
        int length = 1 + random.nextInt(Math.min(200, bytes.length - from));
        byte[] piece = java.util.Arrays.copyOfRange(bytes, from, from + length);
        int times = 1 + random.nextInt(random.nextBoolean() ? 3 : 300);
        ByteArrayOutputStream repeated = new ByteArrayOutputStream();
        for (int i = 0; i < times; i++) {
            repeated.writeBytes(piece);
        }
        return insert(bytes, from, repeated.toByteArray());
    }

    private static byte[] splice(byte[] bytes, int at, byte[] other, Random random) {
        if (other.length == 0) {
            return bytes;
        }
        int from = random.nextInt(other.length);
        int to = from + random.nextInt(other.length - from + 1);
        return insert(bytes, at, java.util.Arrays.copyOfRange(other, from, to));
    }

    public static byte[] lineEndings(byte[] bytes, String ending) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", ending);
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The text read as UTF-8 (bad bytes replaced), written in {@code charset} ({@code ?} for what it cannot hold). */
    public static byte[] reencode(byte[] bytes, Charset charset) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            CharsetEncoder encoder = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            java.nio.ByteBuffer encoded = encoder.encode(java.nio.CharBuffer.wrap(text));
            return java.util.Arrays.copyOf(encoded.array(), encoded.limit());
        } catch (java.nio.charset.CharacterCodingException e) {
            return bytes;
        }
    }
}
