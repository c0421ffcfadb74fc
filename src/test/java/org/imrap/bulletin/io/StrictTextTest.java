package org.imrap.bulletin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.fuzz.Fuzz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one strict reader of text: the text, or the file, line, column and offset of the first bad byte. */
class StrictTextTest {
    @TempDir
    Path dir;

    @Test
    void readsValidUtf8AsItIs() throws Exception {
        Path file = dir.resolve("a.txt");
        Files.writeString(file, "\uFEFFSégou\r\nTombouctou 😀\n");
        assertThat(StrictText.read(file)).isEqualTo("\uFEFFSégou\r\nTombouctou 😀\n");
    }

    @Test
    void namesTheFileLineColumnOffsetAndByteOfTheFirstBadByte() throws Exception {
        Path file = dir.resolve("bulletin.properties");
        Files.write(file, bytes("a=1\nb=Kangaba\nname=S", 0xE9, "gou\n", 0xFF));
        assertThatThrownBy(() -> StrictText.read(file)).isInstanceOfSatisfying(MalformedTextException.class, e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(7);
            assertThat(e.offset()).isEqualTo(20);
            assertThat(e.badByte()).isEqualTo("E9");
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
            assertThat(e.getMessage()).isEqualTo(file + ":3:7: not valid UTF-8 (byte 0xE9 at offset 20)");
        });
    }

    @Test
    void aPieceOfLinesIsCountedFromItsStart() {
        byte[] line = bytes("xx\n2022,ok,", 0xC3, "(");
        assertThatThrownBy(() -> StrictText.decode(Path.of("j.csv"), line, 3, line.length))
                .isInstanceOfSatisfying(MalformedTextException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.column()).isEqualTo(9);
                    assertThat(e.offset()).isEqualTo(8);
                });
        assertThat(StrictText.decode(Path.of("j.csv"), line, 0, 10)).isEqualTo("xx\n2022,ok");
    }

    @Test
    void findsTheFirstBadByteOfALargeFileInPiecesAcrossTheirBorders() throws Exception {
        Path file = dir.resolve("big.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 5000; i++) {
            out.writeBytes("awa.traoré@example.org,Awa Traoré\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(bytes("x,", 0x81, "\n"));
        Files.write(file, out.toByteArray());
        assertThat(firstError(file, StandardCharsets.UTF_8, 64 * 1024)).hasValueSatisfying(e -> {
            assertThat(e.line()).isEqualTo(5001);
            assertThat(e.column()).isEqualTo(3);
            assertThat(e.offset()).isEqualTo(out.size() - 2);
        });
        assertThat(firstError(file, Charset.forName("windows-1252"), 64 * 1024)).hasValueSatisfying(e ->
                assertThat(e.line()).as("0x81 is no character in Windows-1252 either").isEqualTo(5001));
    }

    @Test
    void anyBytesGiveTheTextOrTheOneErrorAndBothWaysOfReadingAgree() {
        Fuzz.forAll("strict UTF-8", 2000, random -> {
            byte[] bytes = new byte[random.nextInt(200)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : (byte) "a\né\r".charAt(random.nextInt(4));
            }
            return bytes;
        }, bytes -> {
            try {
                Path file = Files.write(dir.resolve("fuzz.txt"), bytes);
                // In pieces of 1 to 7 bytes, so that a sequence and a line end fall across their borders.
                Optional<MalformedTextException> streamed = firstError(file, StandardCharsets.UTF_8, 1 + bytes.length % 7);
                try {
                    String text = StrictText.decode(file, bytes);
                    assertThat(streamed).isEmpty();
                    assertThat(text.getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
                } catch (MalformedTextException e) {
                    assertThat(streamed).hasValueSatisfying(other -> {
                        assertThat(other.line()).isEqualTo(e.line());
                        assertThat(other.column()).isEqualTo(e.column());
                        assertThat(other.offset()).isEqualTo(e.offset());
                    });
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Text as UTF-8, and single bytes given as numbers. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(part.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** Where {@code file} is first not valid, as {@link StrictText.Check} finds it fed in pieces of {@code piece} bytes. */
    private static Optional<MalformedTextException> firstError(Path file, Charset charset, int piece) throws java.io.IOException {
        StrictText.Check check = new StrictText.Check(file, charset);
        byte[] bytes = Files.readAllBytes(file);
        for (int from = 0; from < bytes.length; from += piece) {
            byte[] part = java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + piece));
            check.feed(part, part.length);
        }
        return check.end();
    }
}
