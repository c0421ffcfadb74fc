package org.imrap.bulletin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondWriterWaitsABoundedTimeThenIsToldToRunAgain() throws Exception {
        Path list = dir.resolve("recipients/unsubscribed.csv");
        try (EditLock first = EditLock.of(list)) {
            assertThat(dir.resolve("recipients/.unsubscribed.csv.lock")).exists();

            assertThatThrownBy(() -> EditLock.of(list, Duration.ofMillis(200)))
                    .isInstanceOfSatisfying(BulletinException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.TEMPORARY_FAILURE);
                        assertThat(e.getMessage()).isEqualTo("another bulletin command is editing " + list);
                        assertThat(e.hint()).hasValue("run the same command again in a moment");
                    });
        }
        try (EditLock again = EditLock.of(list, Duration.ofMillis(200))) {
            assertThat(Files.exists(list)).as("only the lock file is made, never the edited one").isFalse();
        }
    }
}
