package org.imrap.bulletin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageSettingsTest {
    @TempDir
    Path dir;

    private MessageSettings load(String lines) throws IOException {
        Path file = Files.writeString(dir.resolve("bulletin.properties"), lines);
        return MessageSettings.from(Settings.load(file), "Bulletin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://www.imrap-mali.org/desabonnement", "https://www.imrap-mali.org/désabonnement",
        "https://www.imrap-mali.org/page#desabonnement", "https://exemple org/x"})
    void aOneClickUnsubscribeUrlMustBeHttpsAsciiAndWithoutFragment(String url) {
        assertThatThrownBy(() -> load("unsubscribe.url=" + url + "\n"))
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
                    assertThat(e.getMessage()).contains("bulletin.properties:1:", "unsubscribe.url");
                });
    }

    @Test
    void aGoodUrlGetsASecretMadeOnFirstUseReadableByItsOwnerOnly() throws IOException {
        MessageSettings settings = load("unsubscribe.url=https://www.imrap-mali.org/desabonnement?lang=fr\n");

        assertThat(settings.unsubscribe().httpsUri("awa@example.org")).hasValueSatisfying(uri ->
                assertThat(uri).startsWith("https://www.imrap-mali.org/desabonnement?lang=fr&email=awa%40example.org&token="));
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve(WorkspaceSecret.FILE)))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String token = settings.unsubscribe().token("awa@example.org");
        assertThat(load("unsubscribe.url=https://www.imrap-mali.org/x\n").unsubscribe().token("AWA@example.org"))
                .as("the same secret, the same token").isEqualTo(token);
    }

    @Test
    void imagesAreScaledToTwelveHundredPixelsUnlessSaidOtherwise() throws IOException {
        assertThat(load("").imageMaxSide()).isEqualTo(1200);
        assertThat(load("images.maxWidth=800\n").imageMaxSide()).isEqualTo(800);
    }

    @ParameterizedTest
    @ValueSource(strings = {"grand", "50", "1200px", "20000"})
    void aMaxWidthThatIsNoSensibleNumberOfPixelsIsRefused(String value) {
        assertThatThrownBy(() -> load("images.maxWidth=" + value + "\n"))
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
                    assertThat(e.getMessage()).contains("bulletin.properties:1:", "not a number of pixels");
                });
    }
}
