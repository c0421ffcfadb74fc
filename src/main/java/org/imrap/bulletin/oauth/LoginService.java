package org.imrap.bulletin.oauth;

import static org.imrap.bulletin.Text.t;

import java.time.Clock;
import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Auth;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpSettings;

/**
 * {@code bulletin login}: gets the person's consent once, by the device grant or in a browser, and keeps
 * the tokens in {@code oauth2.tokenFile} for {@code send} and {@code inbox} to use and renew, for months,
 * from cron.
 */
public final class LoginService {
    private final Clock clock;

    public LoginService(Clock clock) {
        this.clock = clock;
    }

    public LoginResult login(LoginRequest request, LoginOperator person) {
        Settings file = Settings.load(request.workspace().settingsFile());
        OAuth2Settings settings = OAuth2Settings.resolve(file, request.env());
        Provider.Flow flow = request.flow().orElse(settings.provider().defaultFlow());
        if (flow == Provider.Flow.DEVICE && settings.endpoints().deviceAuthorization().isEmpty()) {
            throw new BulletinException(ExitCode.CONFIG, t("login.noDeviceUrl", file.file()), t("login.noDeviceUrl.hint"));
        }
        if (flow == Provider.Flow.BROWSER && settings.endpoints().authorization().isEmpty()) {
            throw new BulletinException(ExitCode.CONFIG, t("login.noBrowserUrl", file.file()), t("login.noBrowserUrl.hint"));
        }
        if (flow == Provider.Flow.DEVICE && settings.provider() == Provider.GOOGLE) {
            person.say(t("login.googleDevice"));
        }
        TokenEndpoint endpoint = new TokenEndpoint(settings, settings.clientSecret(request.env()), clock);
        Optional<String> account = account(file);
        account.ifPresent(name -> person.say(t("login.account", name, settings.describe())));
        Tokens tokens = flow == Provider.Flow.DEVICE ? new DeviceFlow(endpoint, clock).run(person)
                : new BrowserFlow(endpoint, account, request.browserTimeout()).run(person);
        TokenStore store = new TokenStore(settings.tokenFile());
        try (var lock = store.lock()) {
            store.save(tokens);
        }
        boolean smtp = file.optional("smtp.auth").map(value -> SmtpSettings.auth(file, "smtp.auth", value))
                .or(() -> org.imrap.bulletin.config.SmtpProvider.from(file).map(p -> p.auth())).orElse(Auth.PASSWORD)
                == Auth.OAUTH2;
        boolean inbox = file.optional("inbox.auth").map(value -> SmtpSettings.auth(file, "inbox.auth", value))
                .orElse(Auth.PASSWORD) == Auth.OAUTH2;
        return new LoginResult(OAuth2Settings.name(settings.provider()), settings.tokenFile(), tokens.expiresAt(),
                tokens.refreshToken().isPresent(), tokens.scope(), !smtp && !inbox);
    }

    /** The mailbox the sign-in is for, as a hint to the sign-in page: smtp.username, else inbox.username. */
    private static Optional<String> account(Settings file) {
        return file.optional("smtp.username").or(() -> file.optional("inbox.username"));
    }
}
