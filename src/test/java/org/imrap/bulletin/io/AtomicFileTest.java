package org.imrap.bulletin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheFileWhole() throws IOException {
        Path file = Files.writeString(dir.resolve("list.csv"), "old\n");

        AtomicFile.write(file, "new\n".getBytes());

        assertThat(file).hasContent("new");
        assertThat(dir.toFile().list()).containsExactly("list.csv");
    }

    @Test
    void aWriteThatFailsHalfWayLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
        Path file = Files.writeString(dir.resolve("list.csv"), "email\nawa@example.org\n");

        assertThatThrownBy(() -> AtomicFile.write(file, out -> {
            out.write("email\n".getBytes());
            throw new IOException("No space left on device");
        })).isInstanceOfSatisfying(BulletinException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.CANNOT_CREATE);
            assertThat(e.getMessage()).contains("list.csv", "No space left on device");
        });

        assertThat(file).hasContent("email\nawa@example.org");
        assertThat(dir.toFile().list()).containsExactly("list.csv");
    }
}
