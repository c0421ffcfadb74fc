package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** send.rate and send.quota are counts per period, the period in the grammar of every other duration. */
class RateAndQuotaSettingsTest {
    @TempDir
    Path dir;

    private SendSettings load(String... lines) throws Exception {
        Path file = dir.resolve("bulletin.properties");
        Files.writeString(file, "# sending\n" + String.join("\n", lines) + "\n");
        return SendSettings.from(Settings.load(file));
    }

    @ParameterizedTest
    @CsvSource({"30,30", "30/min,30", "30 /min,30", "30/m,30", "30 / minute,30", "600/h,10", "120/2min,60", "0,0",
        "1/s,60"})
    void aRateIsMessagesPerMinuteWrittenWithAnyPeriod(String value, int perMinute) throws Exception {
        assertThat(load("send.rate=" + value).ratePerMinute()).isEqualTo(perMinute);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vite", "30/week", "30/h", "-1", "30/0min", "30/"})
    void aRateThatIsNoWholeNumberPerMinuteIsRefusedWithTheLine(String value) {
        assertThatThrownBy(() -> load("send.rate=" + value)).isInstanceOfSatisfying(BulletinException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
            assertThat(e.getMessage()).contains("bulletin.properties:2:", "send.rate '" + value + "' is not a number per period");
        });
    }

    @Test
    void aQuotaTakesTheSameUnitWordsInEnglishAndFrench() throws Exception {
        assertThat(load("send.quota=100/hour, 1000/jour").quota().describe()).isEqualTo("100/hour, 1000/jour");
        assertThat(load("send.quota=500/day").quota().describe()).isEqualTo("500/day");
        assertThat(load("send.quota=20/ 2h").quota().describe()).isEqualTo("20/2h");
    }

    @ParameterizedTest
    @ValueSource(strings = {"500", "0/day", "500/week", "500/day/x", "x/day", "500/day,,20/h"})
    void aQuotaThatIsNoCountPerPeriodIsRefused(String value) {
        assertThatThrownBy(() -> load("send.quota=" + value)).isInstanceOfSatisfying(BulletinException.class, e ->
                assertThat(e.getMessage()).contains("bulletin.properties:2:", "send.quota '" + value + "' is not a number per period"));
    }

    @Test
    void theRetryDelayIsADurationAndMayBeZero() throws Exception {
        assertThat(load("send.retryDelay=0").retryDelay()).isZero();
        assertThat(load("send.retryDelay=2 min").retryDelay()).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> load("send.retryDelay=-1s")).hasMessageContaining("send.retryDelay cannot be negative");
        assertThatThrownBy(() -> load("send.retryDelay=soon"))
                .hasMessageContaining("bulletin.properties:2: send.retryDelay 'soon' is not a duration");
    }

    @Test
    void connectionsAndRetriesAreWholeNumbersInTheirRange() throws Exception {
        assertThat(load("send.connections=4", "send.retries=0").connections()).isEqualTo(4);
        assertThat(load("send.retries=0").tries()).isEqualTo(1);
        assertThatThrownBy(() -> load("send.connections=17")).hasMessageContaining("send.connections is 17; it must be from 1 to 16");
        assertThatThrownBy(() -> load("send.retries=beaucoup"))
                .hasMessageContaining("send.retries is beaucoup; it must be a whole number, 0 or more");
    }
}
