package org.imrap.bulletin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations and whole numbers in bulletin.properties: one grammar each, one way of saying what is wrong. */
class SettingsValuesTest {
    @TempDir
    Path dir;

    private Settings settings(String... lines) throws Exception {
        Path file = dir.resolve("bulletin.properties");
        Files.writeString(file, "# values\n" + String.join("\n", lines) + "\n");
        return Settings.load(file);
    }

    private SmtpSettings smtp(String... lines) throws Exception {
        return SmtpSettings.resolve(settings(lines), Map.of(), SmtpSettings.Overrides.NONE);
    }

    @ParameterizedTest
    @CsvSource({"30,30000", "30s,30000", "500ms,500", "2m,120000", "2 min,120000", "1h,3600000", "1 heure,3600000"})
    void aTimeoutTakesEverySpellingAndABareNumberIsSeconds(String value, long millis) throws Exception {
        assertThat(smtp("smtp.host=127.0.0.1", "smtp.readTimeout=" + value).readTimeout()).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "1.5s", "5 x", "99999999999999999999h"})
    void aTimeoutThatIsNoDurationNamesTheLineTheKeyAndTheValue(String value) {
        assertThatThrownBy(() -> smtp("smtp.host=127.0.0.1", "smtp.connectTimeout=" + value))
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
                    assertThat(e.getMessage()).contains("bulletin.properties:3: smtp.connectTimeout '" + value
                            + "' is not a duration");
                    assertThat(e.hint()).hasValueSatisfying(hint -> assertThat(hint).contains("50m, 2h or 90s", "ms"));
                });
    }

    @Test
    void portsAreFromOneTo65535FromTheFileOrTheEnvironment() throws Exception {
        assertThat(smtp("smtp.host=127.0.0.1", "smtp.port= 2525").port()).isEqualTo(2525);
        assertThatThrownBy(() -> smtp("smtp.host=127.0.0.1", "smtp.port=70000"))
                .hasMessageContaining("bulletin.properties:3: smtp.port is '70000', not a port number (1 to 65535)");
        Settings file = settings("smtp.host=127.0.0.1");
        assertThatThrownBy(() -> SmtpSettings.resolve(file, Map.of("BULLETIN_SMTP_PORT", "x"), SmtpSettings.Overrides.NONE))
                .hasMessageContaining("smtp.port is 'x', not a port number");
        Settings inbox = settings("inbox.host=127.0.0.1", "inbox.port=0");
        assertThatThrownBy(() -> InboxSettings.resolve(inbox, Map.of()))
                .hasMessageContaining("bulletin.properties:3: inbox.port is '0', not a port number");
    }

    @Test
    void countsNameTheirRange() throws Exception {
        InboxSettings inbox = InboxSettings.resolve(settings("inbox.host=127.0.0.1", "inbox.hardBounces=2",
                "inbox.readTimeout=10s"), Map.of());
        assertThat(inbox.hardBounces()).isEqualTo(2);
        assertThat(inbox.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> InboxSettings.resolve(settings("inbox.host=127.0.0.1", "inbox.softBounces=0"), Map.of()))
                .hasMessageContaining("bulletin.properties:3: inbox.softBounces is 0; it must be a whole number, 1 or more");
        assertThatThrownBy(() -> InboxSettings.resolve(settings("inbox.host=127.0.0.1", "inbox.readTimeout=0"), Map.of()))
                .hasMessageContaining("inbox.readTimeout must be more than zero");
    }

    @Test
    void aSettingsFileThatIsNotUtf8IsBadConfigurationNamingTheLineAndColumn() throws Exception {
        Path file = dir.resolve("bulletin.properties");
        byte[] start = "organisation.name=IMRAP\norganisation.place=S".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(start, start.length + 5);
        System.arraycopy(new byte[] {(byte) 0xE9, 'g', 'o', 'u', '\n'}, 0, bytes, start.length, 5);
        Files.write(file, bytes);
        assertThatThrownBy(() -> Settings.load(file)).isInstanceOfSatisfying(BulletinException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
            assertThat(e.getMessage()).isEqualTo(file + ":2:21: not valid UTF-8 (byte 0xE9 at offset 44)");
            assertThat(e.hint()).hasValue("save the file as UTF-8 in your editor");
        });
    }
}
