package org.imrap.bulletin.oauth;

import static org.imrap.bulletin.Text.t;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Passwords;
import org.imrap.bulletin.io.AtomicFile;
import org.imrap.bulletin.io.EditLock;

/**
 * The token file ({@code oauth2.tokenFile}, {@code bulletin.oauth2} in the workspace): JSON, readable and
 * writable by its owner only, replaced in one step (written beside it with mode 0600, flushed, renamed), so
 * a crash never leaves half a refresh token. A file other users may open is refused like a password file.
 * Whoever refreshes holds {@code .bulletin.oauth2.lock}: a cron {@code send} and a cron {@code inbox} that
 * both find the access token expired refresh it once, not twice (a server that rotates refresh tokens
 * would take the second refresh for a stolen token).
 */
final class TokenStore {
    private final Path file;

    TokenStore(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The tokens in the file; empty when there is no file (nobody ran {@code bulletin login}). */
    Optional<Tokens> load() {
        String text;
        try {
            if (Passwords.othersCanOpen(file)) {
                throw new BulletinException(ExitCode.CONFIG, t("oauth2.tokenFileOpen", file), t("password.open.hint", file));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (UnsupportedOperationException e) {
            // No POSIX permissions (Windows): the file is as private as the user's folder, like bulletin.secret.
            text = read();
        } catch (IOException e) {
            throw unreadable(e.getMessage());
        }
        try {
            JsonObject json = JsonParser.parseString(text).getAsJsonObject();
            return Optional.of(new Tokens(string(json, "access_token").orElseThrow(),
                    Instant.parse(string(json, "expires_at").orElseThrow()), string(json, "refresh_token"),
                    string(json, "scope").orElse(""), URI.create(string(json, "token_url").orElseThrow())));
        } catch (JsonParseException | IllegalStateException | java.util.NoSuchElementException
                 | DateTimeParseException | IllegalArgumentException e) {
            throw unreadable(t("oauth2.tokenFileBroken"));
        }
    }

    private String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw unreadable(e.getMessage());
        }
    }

    private BulletinException unreadable(String why) {
        return new BulletinException(ExitCode.CONFIG, t("oauth2.tokenFileUnreadable", file, why),
                t("oauth2.tokenFileUnreadable.hint"));
    }

    private static Optional<String> string(JsonObject json, String key) {
        JsonElement value = json.get(key);
        return value == null || value.isJsonNull() ? Optional.empty() : Optional.of(value.getAsString());
    }

    /** Replaces the file with these tokens, mode 0600 from its first byte. */
    void save(Tokens tokens) {
        JsonObject json = new JsonObject();
        json.addProperty("token_type", "Bearer");
        json.addProperty("access_token", tokens.accessToken());
        json.addProperty("expires_at", tokens.expiresAt().toString());
        tokens.refreshToken().ifPresent(token -> json.addProperty("refresh_token", token));
        json.addProperty("scope", tokens.scope());
        json.addProperty("token_url", tokens.tokenUrl().toString());
        AtomicFile.writeOwnerOnly(file, (json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Holds the file for one refresh (or one login), against another bulletin doing the same. */
    EditLock lock() {
        return EditLock.of(file);
    }
}
