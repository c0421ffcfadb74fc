package org.imrap.bulletin.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Auth;
import org.imrap.bulletin.config.Security;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpProvider;
import org.imrap.bulletin.config.SmtpSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oauth2.*} and {@code smtp.provider}: the presets, and what is refused. */
class ProviderSettingsTest {
    @TempDir
    Path dir;

    private Settings settings(String... lines) throws Exception {
        Path file = dir.resolve("bulletin.properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return Settings.load(file);
    }

    @Test
    void microsoftUsesTheV2EndpointsOfTheTenantOrganizationsByDefault() throws Exception {
        OAuth2Settings microsoft = OAuth2Settings.resolve(settings("oauth2.provider=microsoft", "oauth2.clientId=abc"), Map.of());

        assertThat(microsoft.endpoints().deviceAuthorization())
                .contains(URI.create("https://login.microsoftonline.com/organizations/oauth2/v2.0/devicecode"));
        assertThat(microsoft.endpoints().authorization())
                .contains(URI.create("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize"));
        assertThat(microsoft.endpoints().token())
                .isEqualTo(URI.create("https://login.microsoftonline.com/organizations/oauth2/v2.0/token"));
        assertThat(microsoft.endpoints().scope()).isEqualTo("https://outlook.office.com/SMTP.Send "
                + "https://outlook.office.com/IMAP.AccessAsUser.All offline_access");
        assertThat(microsoft.provider().defaultFlow()).isEqualTo(Provider.Flow.DEVICE);
        assertThat(microsoft.tokenFile()).isEqualTo(dir.toAbsolutePath().resolve("bulletin.oauth2"));

        OAuth2Settings tenant = OAuth2Settings.resolve(settings("oauth2.provider=microsoft", "oauth2.clientId=abc",
                "oauth2.tenant=imrap-mali.org"), Map.of());
        assertThat(tenant.endpoints().token().toString()).startsWith("https://login.microsoftonline.com/imrap-mali.org/");
        assertThatThrownBy(() -> OAuth2Settings.resolve(settings("oauth2.provider=microsoft", "oauth2.clientId=abc",
                "oauth2.tenant=../evil"), Map.of())).hasMessageContaining("is not a Microsoft directory name");
    }

    @Test
    void googleUsesItsEndpointsTheMailScopeAndTheBrowser() throws Exception {
        OAuth2Settings google = OAuth2Settings.resolve(settings("smtp.provider=google-workspace",
                "oauth2.clientId=123.apps.googleusercontent.com"), Map.of("BULLETIN_OAUTH2_CLIENT_SECRET", "shh"));

        assertThat(google.provider()).isEqualTo(Provider.GOOGLE);
        assertThat(google.endpoints().token()).isEqualTo(URI.create("https://oauth2.googleapis.com/token"));
        assertThat(google.endpoints().authorization()).contains(URI.create("https://accounts.google.com/o/oauth2/v2/auth"));
        assertThat(google.endpoints().deviceAuthorization()).contains(URI.create("https://oauth2.googleapis.com/device/code"));
        assertThat(google.endpoints().scope()).isEqualTo("https://mail.google.com/");
        assertThat(google.endpoints().extraAuthorization()).containsEntry("access_type", "offline");
        assertThat(google.provider().defaultFlow()).isEqualTo(Provider.Flow.BROWSER);
        assertThat(google.clientSecret(Map.of("BULLETIN_OAUTH2_CLIENT_SECRET", "shh"))).hasValueSatisfying(
                secret -> assertThat(new String(secret)).isEqualTo("shh"));
    }

    @Test
    void customAddressesMustBeHttpsOrOnThisMachine() throws Exception {
        String[] base = {"oauth2.provider=custom", "oauth2.clientId=abc", "oauth2.scope=mail"};
        OAuth2Settings local = OAuth2Settings.resolve(settings(base[0], base[1], base[2],
                "oauth2.tokenUrl=http://127.0.0.1:8080/token", "oauth2.deviceAuthorizationUrl=https://id.example.org/device"),
                Map.of());
        assertThat(local.endpoints().token()).isEqualTo(URI.create("http://127.0.0.1:8080/token"));
        assertThat(local.endpoints().authorization()).isEmpty();

        for (String bad : new String[] {"http://id.example.org/token", "ftp://id.example.org/token",
            "https://id.example.org/token#x", "https://user:pw@id.example.org/token", "token"}) {
            assertThatThrownBy(() -> OAuth2Settings.resolve(settings(base[0], base[1], base[2], "oauth2.tokenUrl=" + bad),
                    Map.of())).as(bad).isInstanceOfSatisfying(BulletinException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
                        assertThat(e.getMessage()).endsWith("bulletin.properties:4: oauth2.tokenUrl '" + bad
                                + "' is not an https address");
                    });
        }
        assertThatThrownBy(() -> OAuth2Settings.resolve(settings(base), Map.of()))
                .hasMessageEndingWith("oauth2.provider=custom needs oauth2.tokenUrl");
        assertThatThrownBy(() -> OAuth2Settings.resolve(settings("oauth2.provider=microsoft", "oauth2.clientId=abc",
                "oauth2.tokenUrl=https://x.example/token"), Map.of()))
                .hasMessageContaining("oauth2.tokenUrl is for oauth2.provider=custom");
    }

    @Test
    void theClientSecretNeverComesFromTheSettingsAndItsFileMustBePrivate() throws Exception {
        assertThatThrownBy(() -> OAuth2Settings.resolve(settings("oauth2.provider=google", "oauth2.clientId=abc",
                "oauth2.clientSecret=oops"), Map.of())).isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
                    assertThat(e.getMessage()).contains("bulletin.properties:3: bulletin.properties holds oauth2.clientSecret");
                });
        Path secret = dir.resolve("client.secret");
        Files.writeString(secret, "from-file\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        OAuth2Settings google = OAuth2Settings.resolve(settings("oauth2.provider=google", "oauth2.clientId=abc",
                "oauth2.clientSecretFile=client.secret"), Map.of());
        assertThatThrownBy(() -> google.clientSecret(Map.of())).hasMessageContaining("can be read or written by other users");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        assertThat(google.clientSecret(Map.of())).hasValueSatisfying(s -> assertThat(new String(s)).isEqualTo("from-file"));
    }

    @Test
    void smtpProviderPresetsFillOnlyWhatIsNotSet() throws Exception {
        SmtpSettings microsoft = SmtpSettings.resolve(settings("smtp.provider=microsoft365",
                "smtp.username=bulletin@imrap-mali.org"), Map.of(), SmtpSettings.Overrides.NONE);
        assertThat(microsoft.host()).isEqualTo("smtp.office365.com");
        assertThat(microsoft.port()).isEqualTo(587);
        assertThat(microsoft.security()).isEqualTo(Security.STARTTLS);
        assertThat(microsoft.auth()).isEqualTo(Auth.OAUTH2);
        assertThat(microsoft.atProvider()).isTrue();

        SmtpSettings appPassword = SmtpSettings.resolve(settings("smtp.provider=gmail", "smtp.auth=password",
                "smtp.security=ssl", "smtp.username=imrap.bulletin@gmail.com"), Map.of(), SmtpSettings.Overrides.NONE);
        assertThat(appPassword.host()).isEqualTo("smtp.gmail.com");
        assertThat(appPassword.port()).as("the usual port of the security chosen").isEqualTo(465);
        assertThat(appPassword.auth()).isEqualTo(Auth.PASSWORD);

        SmtpSettings elsewhere = SmtpSettings.resolve(settings("smtp.provider=gmail", "smtp.host=sandbox"), Map.of(),
                SmtpSettings.Overrides.NONE);
        assertThat(elsewhere.isSandbox()).isTrue();
        assertThat(elsewhere.atProvider()).isFalse();

        assertThat(SmtpProvider.GMAIL.quota()).isEqualTo("500/day");
        assertThat(SmtpProvider.GOOGLE_WORKSPACE.quota()).isEqualTo("2000/day");
        assertThat(SmtpProvider.MICROSOFT365.quota()).isEqualTo("10000/day");
        assertThat(SmtpProvider.MICROSOFT365.ratePerMinute()).isEqualTo(30);

        assertThatThrownBy(() -> SmtpSettings.resolve(settings("smtp.provider=yahoo"), Map.of(), SmtpSettings.Overrides.NONE))
                .hasMessageContaining("smtp.provider 'yahoo' is not one bulletin knows");
        assertThatThrownBy(() -> SmtpSettings.resolve(settings("smtp.provider=microsoft365"), Map.of(),
                SmtpSettings.Overrides.NONE)).isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.CONFIG);
                    assertThat(e.getMessage()).contains("smtp.auth=oauth2 needs smtp.username");
                });
        assertThatThrownBy(() -> SmtpSettings.resolve(settings("smtp.host=mail.example.org", "smtp.auth=kerberos"),
                Map.of(), SmtpSettings.Overrides.NONE)).hasMessageContaining("smtp.auth 'kerberos' is neither password nor oauth2");
    }
}
