package org.imrap.bulletin.config;

import static org.imrap.bulletin.Text.t;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * Where and how to hand mail over: the SMTP server, its protection, the account, and the timeouts
 * that make sure a server that stops answering cannot hang a run. Each value comes from the
 * command line, else the environment ({@code BULLETIN_SMTP_HOST} …), else bulletin.properties.
 *
 * @param passwordFile a file holding the password, readable by its owner only; empty if not set
 * @param auth         {@code smtp.auth}: a password (the default), or OAuth2 (SASL XOAUTH2, {@code bulletin login})
 * @param provider     {@code smtp.provider}, whose presets filled in what the settings left out
 */
public record SmtpSettings(
        String host,
        int port,
        Security security,
        Optional<String> username,
        Optional<Path> passwordFile,
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        Auth auth,
        Optional<SmtpProvider> provider) {

    /** A server reached with a password (or without a login), and no provider preset. */
    public SmtpSettings(String host, int port, Security security, Optional<String> username,
                        Optional<Path> passwordFile, Duration connectTimeout, Duration readTimeout,
                        Duration writeTimeout) {
        this(host, port, security, username, passwordFile, connectTimeout, readTimeout, writeTimeout, Auth.PASSWORD,
                Optional.empty());
    }

    /** A TCP port, for {@code smtp.port} and {@code inbox.port}. */
    public static final Settings.Range PORT = Settings.Range.of(1, 65535).saying("smtp.badPort", "smtp.badPort.hint");

    /** The host name that means "the embedded sandbox server, nothing leaves this machine". */
    public static final String SANDBOX = "sandbox";
    private static final String HOST_VARIABLE = "BULLETIN_SMTP_HOST";

    public boolean isSandbox() {
        return host.equals(SANDBOX);
    }

    /** Values given on the command line, which beat the environment and the file. */
    public record Overrides(String host, Integer port, Security security, String username) {
        public static final Overrides NONE = new Overrides(null, null, null, null);
    }

    /**
     * The host the command line names, else {@code BULLETIN_SMTP_HOST}; empty when neither does (the
     * settings, or the sandbox by default, then decide).
     */
    public static Optional<String> chosenHost(Map<String, String> env, String option) {
        String variable = env.get(HOST_VARIABLE);
        return first(option, variable == null || variable.isBlank() ? Optional.empty() : Optional.of(variable.strip()));
    }

    /**
     * The host alone: the command line, else the environment, else the file, else the {@code smtp.provider}'s,
     * else the sandbox.
     */
    public static String host(Settings file, Map<String, String> env, String option) {
        return chosenHost(env, option).or(() -> file.optional("smtp.host"))
                .or(() -> SmtpProvider.from(file).map(SmtpProvider::host)).orElse(SANDBOX);
    }

    public static SmtpSettings resolve(Settings file, Map<String, String> env, Overrides options) {
        Source source = new Source(file, env);
        Optional<SmtpProvider> provider = SmtpProvider.from(file);
        String host = host(file, env, options.host());
        Security security = options.security() != null ? options.security()
                : source.get("smtp.security", "BULLETIN_SMTP_SECURITY").map(value -> security(file, value))
                        .or(() -> provider.map(SmtpProvider::security))
                        .orElse(host.equals(SANDBOX) ? Security.NONE : Security.STARTTLS);
        int defaultPort = switch (security) {
            case SSL -> 465;
            case STARTTLS -> 587;
            case NONE -> 25;
        };
        // A provider's port goes with its security; a security chosen here takes that security's usual port.
        boolean providerSecurity = provider.isPresent() && security == provider.get().security();
        int port = options.port() != null ? options.port()
                : file.integer("smtp.port", source.get("smtp.port", "BULLETIN_SMTP_PORT"),
                        providerSecurity ? provider.get().port() : defaultPort, PORT);
        Optional<String> username = first(options.username(), source.get("smtp.username", "BULLETIN_SMTP_USERNAME"));
        Optional<Path> passwordFile = source.get("smtp.passwordFile", "BULLETIN_SMTP_PASSWORD_FILE")
                .map(value -> file.file().toAbsolutePath().getParent().resolve(value));
        Auth auth = source.get("smtp.auth", "BULLETIN_SMTP_AUTH").map(value -> auth(file, "smtp.auth", value))
                .or(() -> provider.map(SmtpProvider::auth)).orElse(Auth.PASSWORD);
        SmtpSettings settings = new SmtpSettings(host, port, security, username, passwordFile,
                file.timeout("smtp.connectTimeout", Duration.ofSeconds(15)),
                file.timeout("smtp.readTimeout", Duration.ofSeconds(60)),
                file.timeout("smtp.writeTimeout", Duration.ofSeconds(60)),
                auth, provider);
        if (auth == Auth.OAUTH2 && username.isEmpty() && !settings.isSandbox()) {
            // XOAUTH2 names the mailbox the token is for (user=…): without it the server cannot tell.
            throw new BulletinException(ExitCode.CONFIG, t("smtp.oauth2NoUser", file.file()), t("smtp.oauth2NoUser.hint"));
        }
        if (security == Security.NONE && !settings.isSandbox() && !isLoopback(host)) {
            String message = t("smtp.noneOffMachine", host);
            String hint = t("smtp.noneOffMachine.hint");
            throw options.security() == null && env.get("BULLETIN_SMTP_SECURITY") == null
                    ? file.error("smtp.security", message, hint)
                    : new BulletinException(ExitCode.CONFIG, message, hint);
        }
        return settings;
    }

    public static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A setting read from the environment, else the file. */
    private record Source(Settings file, Map<String, String> env) {
        Optional<String> get(String key, String variable) {
            if (variable != null) {
                String value = env.get(variable);
                if (value != null && !value.isBlank()) {
                    return Optional.of(value.strip());
                }
            }
            return file.optional(key);
        }
    }

    private static Optional<String> first(String option, Optional<String> fallback) {
        return option != null ? Optional.of(option) : fallback;
    }

    private static Security security(Settings file, String value) {
        try {
            return Security.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw file.error("smtp.security", t("smtp.badSecurity", value), t("smtp.badSecurity.hint"));
        }
    }

    /** {@code password} or {@code oauth2}, for {@code smtp.auth} and {@code inbox.auth}. */
    public static Auth auth(Settings file, String key, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "password" -> Auth.PASSWORD;
            case "oauth2" -> Auth.OAUTH2;
            default -> throw file.error(key, t("settings.badAuth", key, value), t("settings.badAuth.hint"));
        };
    }

    /** True when the messages go to the {@code smtp.provider}'s own server, whose published limits then apply. */
    public boolean atProvider() {
        return provider.isPresent() && provider.get().host().equalsIgnoreCase(host);
    }

    /** "smtp.example.org:587 (STARTTLS)" — for plans and messages. */
    public String describe() {
        return isSandbox() ? t("smtp.sandbox")
                : host + ":" + port + " (" + security.name().toLowerCase(Locale.ROOT) + ")";
    }
}
