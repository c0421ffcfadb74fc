package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An smtp.provider's published limits become send.quota and send.rate, unless set, at that provider only. */
class ProviderLimitsTest {
    @TempDir
    Path dir;

    private SendSettings sendSettings(String... lines) throws Exception {
        Path file = dir.resolve("bulletin.properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        Settings settings = Settings.load(file);
        return SendSettings.from(settings, SmtpSettings.resolve(settings, Map.of(), SmtpSettings.Overrides.NONE));
    }

    @Test
    void microsoft365IsTenThousandADayAndThirtyAMinute() throws Exception {
        SendSettings microsoft = sendSettings("smtp.provider=microsoft365", "smtp.username=bulletin@imrap-mali.org");
        assertThat(microsoft.ratePerMinute()).isEqualTo(30);
        assertThat(microsoft.quota().describe()).contains("10000/day");

        assertThat(sendSettings("smtp.provider=google-workspace", "smtp.username=b@imrap-mali.org").quota().describe())
                .contains("2000/day");
        assertThat(sendSettings("smtp.provider=gmail", "smtp.username=imrap@gmail.com").quota().describe()).contains("500/day");
    }

    @Test
    void whatTheSettingsSayWinsAndTheSandboxHasNoLimit() throws Exception {
        SendSettings own = sendSettings("smtp.provider=microsoft365", "smtp.username=b@imrap-mali.org", "send.rate=10",
                "send.quota=300/day");
        assertThat(own.ratePerMinute()).isEqualTo(10);
        assertThat(own.quota().describe()).contains("300/day").doesNotContain("10000");

        SendSettings sandbox = sendSettings("smtp.provider=microsoft365", "smtp.host=sandbox");
        assertThat(sandbox.ratePerMinute()).isZero();
        assertThat(sandbox.quota().describe()).doesNotContain("10000");
    }
}
