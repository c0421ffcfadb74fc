package org.imrap.bulletin.recipients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imrap.bulletin.BadDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one pass that finds a file's format reads files larger than its buffer as it reads small ones. */
class CsvFormatTest {
    @TempDir
    Path dir;

    /** The header, then {@code rows} rows of about 40 bytes, then {@code last} as the last row. */
    private Path file(int rows, byte[] last) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("email;name\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < rows; i++) {
            bytes.write(String.format("personne%05d@example.org;Awa Traoré\n", i).getBytes(StandardCharsets.UTF_8));
        }
        bytes.write(last);
        Path file = dir.resolve("list.csv");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    @Test
    void utf8CutByTheBufferIsStillUtf8() throws Exception {
        // About 40 bytes a row: the é of some row straddles each 64 KB boundary in one of these sizes.
        for (int rows = 1630; rows < 1680; rows++) {
            CsvFormat format = CsvFormat.detect(file(rows, "z@example.org;Zé\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(format.charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(format.separator()).isEqualTo(';');
        }
    }

    @Test
    void windows1252FarIntoTheFileIsFoundAndRead() throws Exception {
        CsvFormat format = CsvFormat.detect(file(5000, "z@example.org;Z\u00e9\n".getBytes(CsvFormat.WINDOWS_1252)));

        assertThat(format.isWindows1252()).isTrue();
        assertThat(format.lineEnding()).isEqualTo("\n");
    }

    @Test
    void bytesNeitherUtf8NorWindows1252AreRefusedAtTheirLine() throws Exception {
        Path file = file(5000, new byte[] {'z', ';', (byte) 0x81, '\n'});

        BadDataException refused = catchThrowableOfType(() -> CsvFormat.detect(file), BadDataException.class);

        assertThat(refused.problems()).singleElement().satisfies(problem -> assertThat(problem.line()).isEqualTo(5002));
    }

    @Test
    void aNulAfterTheFirstBufferIsRefused() throws Exception {
        Path file = file(5000, new byte[] {'z', ';', 0, '\n'});

        assertThat(catchThrowableOfType(() -> CsvFormat.detect(file), BadDataException.class)).isNotNull();
    }
}
