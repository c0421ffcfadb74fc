package org.imrap.bulletin.oauth;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Passwords;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpProvider;

/**
 * The {@code oauth2.*} settings: whose authorization server, which application (client), and where the
 * tokens are kept. The client secret, where the provider wants one (Google's desktop clients do; Microsoft's
 * public clients do not), comes from {@code BULLETIN_OAUTH2_CLIENT_SECRET} or a file only its owner can read
 * ({@code oauth2.clientSecretFile}) — never from bulletin.properties.
 *
 * @param tokenFile {@code oauth2.tokenFile}: {@code bulletin.oauth2} in the workspace by default
 */
public record OAuth2Settings(Provider provider, Endpoints endpoints, String clientId,
                             Optional<Path> clientSecretFile, Path tokenFile) {
    public static final String SECRET_VARIABLE = "BULLETIN_OAUTH2_CLIENT_SECRET";
    public static final String TOKEN_FILE = "bulletin.oauth2";
    static final String DEFAULT_TENANT = "organizations";
    private static final String[] CUSTOM_KEYS = {"oauth2.deviceAuthorizationUrl", "oauth2.authorizationUrl",
        "oauth2.tokenUrl"};

    public static OAuth2Settings resolve(Settings file, Map<String, String> env) {
        if (file.optional("oauth2.clientSecret").isPresent()) {
            throw file.error("oauth2.clientSecret", t("oauth2.secretInSettings", file.file().getFileName()),
                    t("oauth2.secretInSettings.hint", SECRET_VARIABLE));
        }
        Path root = file.file().toAbsolutePath().getParent();
        Provider provider = provider(file);
        String clientId = file.optional("oauth2.clientId").orElseThrow(() -> new BulletinException(ExitCode.CONFIG,
                t("oauth2.noClientId", file.file()), t("oauth2.noClientId.hint")));
        Optional<String> scope = file.optional("oauth2.scope");
        Endpoints endpoints;
        if (provider == Provider.CUSTOM) {
            URI token = file.optional("oauth2.tokenUrl").map(value -> url(file, "oauth2.tokenUrl", value))
                    .orElseThrow(() -> new BulletinException(ExitCode.CONFIG, t("oauth2.customMissing", file.file(),
                            "oauth2.tokenUrl"), t("oauth2.customMissing.hint")));
            endpoints = new Endpoints(
                    file.optional("oauth2.deviceAuthorizationUrl").map(v -> url(file, "oauth2.deviceAuthorizationUrl", v)),
                    file.optional("oauth2.authorizationUrl").map(v -> url(file, "oauth2.authorizationUrl", v)),
                    token,
                    scope.orElseThrow(() -> new BulletinException(ExitCode.CONFIG, t("oauth2.customMissing",
                            file.file(), "oauth2.scope"), t("oauth2.customMissing.hint"))),
                    Map.of());
        } else {
            for (String key : CUSTOM_KEYS) {
                if (file.optional(key).isPresent()) {
                    throw file.error(key, t("oauth2.customOnly", key, name(provider)), t("oauth2.customOnly.hint"));
                }
            }
            String tenant = file.optional("oauth2.tenant").orElse(DEFAULT_TENANT);
            if (provider == Provider.MICROSOFT && !tenant.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,253}")) {
                throw file.error("oauth2.tenant", t("oauth2.badTenant", tenant), t("oauth2.badTenant.hint"));
            }
            endpoints = provider.preset(tenant, scope);
        }
        return new OAuth2Settings(provider, endpoints, clientId,
                file.optional("oauth2.clientSecretFile").map(root::resolve),
                file.optional("oauth2.tokenFile").map(root::resolve).orElse(root.resolve(TOKEN_FILE)));
    }

    /** {@code oauth2.provider}, else the one {@code smtp.provider} signs in with. */
    private static Provider provider(Settings file) {
        Optional<String> named = file.optional("oauth2.provider")
                .or(() -> SmtpProvider.from(file).map(SmtpProvider::oauth2Provider));
        if (named.isEmpty()) {
            throw new BulletinException(ExitCode.CONFIG, t("oauth2.noProvider", file.file()), t("oauth2.noProvider.hint"));
        }
        try {
            return Provider.valueOf(named.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw file.error("oauth2.provider", t("oauth2.badProvider", named.get()), t("oauth2.noProvider.hint"));
        }
    }

    static String name(Provider provider) {
        return provider.name().toLowerCase(Locale.ROOT);
    }

    /**
     * An endpoint: {@code https://} (RFC 6749 §3.1 and §3.2 require TLS), or plain {@code http://} only on
     * this machine (127.0.0.1, ::1 or localhost), as a test server or a local proxy is; never a fragment.
     */
    static URI url(Settings file, String key, String value) {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
            if (!host.isEmpty() && uri.getFragment() == null && uri.getUserInfo() == null
                    && (scheme.equals("https") || scheme.equals("http") && loopback)) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw file.error(key, t("oauth2.badUrl", key, value), t("oauth2.badUrl.hint"));
    }

    /** The client secret: {@code BULLETIN_OAUTH2_CLIENT_SECRET}, else {@code oauth2.clientSecretFile}; empty for a public client. */
    public Optional<char[]> clientSecret(Map<String, String> env) {
        String fromEnv = env.get(SECRET_VARIABLE);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Optional.of(fromEnv.strip().toCharArray());
        }
        if (clientSecretFile.isEmpty()) {
            return Optional.empty();
        }
        Path path = clientSecretFile.get();
        try {
            if (Passwords.othersCanOpen(path)) {
                throw new BulletinException(ExitCode.CONFIG, t("oauth2.secretOpen", path), t("password.open.hint", path));
            }
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8).strip().toCharArray());
        } catch (UnsupportedOperationException e) {
            throw new BulletinException(ExitCode.CONFIG, t("password.noPosix", path), t("password.noPosix.hint",
                    SECRET_VARIABLE));
        } catch (IOException e) {
            throw new BulletinException(ExitCode.CONFIG, t("oauth2.secretUnreadable", path, e.getMessage()),
                    t("oauth2.secretUnreadable.hint"));
        }
    }

    /** "microsoft (login.microsoftonline.com)": for messages. */
    public String describe() {
        return name(provider) + " (" + endpoints.token().getHost() + ")";
    }
}
