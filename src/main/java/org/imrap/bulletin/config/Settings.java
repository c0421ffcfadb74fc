package org.imrap.bulletin.config;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * The key–value settings of {@code bulletin.properties}, read as UTF-8. Errors name the file and,
 * where the key is present, its line.
 */
public final class Settings {
    private static final List<String> FORBIDDEN_KEYS = List.of("smtp.password", "password", "inbox.password");

    private final Path file;
    private final Properties values;
    private final List<String> lines;

    private Settings(Path file, Properties values, List<String> lines) {
        this.file = file;
        this.values = values;
        this.lines = lines;
    }

    public static Settings load(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BulletinException(ExitCode.CONFIG, t("settings.notUtf8", file), t("settings.notUtf8.hint"));
        } catch (IOException e) {
            throw new BulletinException(ExitCode.NO_INPUT, t("file.cannotRead", file, e.getMessage()), null);
        }
        Properties values = new Properties();
        try (Reader reader = new java.io.StringReader(text)) {
            values.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new BulletinException(ExitCode.CONFIG, file + ": " + e.getMessage(), t("settings.bad.hint"));
        }
        Settings settings = new Settings(file, values, text.lines().toList());
        settings.refuseSecrets();
        return settings;
    }

    private void refuseSecrets() {
        for (String key : FORBIDDEN_KEYS) {
            if (values.containsKey(key)) {
                throw error(key, t("settings.password", file.getFileName()), t("settings.password.hint"));
            }
        }
    }

    public Path file() {
        return file;
    }

    public Optional<String> optional(String key) {
        String value = values.getProperty(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** Every setting whose key starts with {@code prefix}, keyed by the rest of the key. */
    public java.util.Map<String, String> withPrefix(String prefix) {
        java.util.Map<String, String> found = new java.util.TreeMap<>();
        for (String key : values.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                found.put(key.substring(prefix.length()), values.getProperty(key).strip());
            }
        }
        return found;
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> new BulletinException(ExitCode.CONFIG,
                t("settings.missing", file, key), t("settings.missing.hint", key, Workspace.SETTINGS_FILE)));
    }

    /** An error about one setting, naming the line it is on. */
    public BulletinException error(String key, String message, String hint) {
        return new BulletinException(ExitCode.CONFIG, location(key) + ": " + message, hint);
    }

    private String location(String key) {
        Pattern keyLine = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:\\s].*");
        // The last line that sets the key is the one in force (java.util.Properties keeps the last).
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (keyLine.matcher(lines.get(i)).matches()) {
                return file + ":" + (i + 1);
            }
        }
        return file.toString();
    }
}
