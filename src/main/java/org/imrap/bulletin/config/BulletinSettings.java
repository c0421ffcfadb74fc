package org.imrap.bulletin.config;

import static org.imrap.bulletin.Text.t;

import java.util.HashMap;
import java.util.Map;
import org.imrap.bulletin.address.Addresses;
import org.imrap.bulletin.address.InvalidAddressException;

/**
 * The settings the bulletin itself needs: who publishes it, who sends it, its subject, and how it
 * greets people.
 *
 * @param greetings the greeting line as a Mustache template: {@code ""} for everyone, or a list's
 *                  name for that list ({@code greeting.authorities=Madame, Monsieur,})
 * @param message   the headers, attachments and budgets every message carries
 * @param archive   the web archive, and the link to it every message carries when {@code archive.url} is set
 */
public record BulletinSettings(Organisation organisation, Sender sender, String subjectTemplate,
                               Map<String, String> greetings, MessageSettings message, ArchiveSettings archive) {
    /** The greeting when bulletin.properties gives none. */
    public static final String DEFAULT_GREETING = "Bonjour{{#recipient.name}} {{recipient.name}}{{/recipient.name}},";

    public BulletinSettings {
        greetings = Map.copyOf(greetings);
    }

    /** The greeting template for a list: its own, else the general one, else {@link #DEFAULT_GREETING}. */
    public String greetingFor(String list) {
        return greetings.getOrDefault(list, greetings.getOrDefault("", DEFAULT_GREETING));
    }

    public static BulletinSettings load(Workspace workspace) {
        Settings settings = Settings.load(workspace.settingsFile());
        return from(settings);
    }

    public static BulletinSettings from(Settings settings) {
        String email = settings.required("sender.email");
        String name = settings.optional("sender.name").orElse("");
        try {
            Addresses.parse(email);
            Addresses.requireSingleLine(name);
        } catch (InvalidAddressException e) {
            throw settings.error(e.field().equals("address") ? "sender.email" : "sender.name", e.getMessage(),
                    t("settings.sender.hint"));
        }
        Map<String, String> greetings = new HashMap<>();
        settings.optional("greeting").ifPresent(greeting -> greetings.put("", greeting));
        greetings.putAll(settings.withPrefix("greeting."));
        Organisation organisation = Organisation.from(settings);
        return new BulletinSettings(
                organisation,
                new Sender(name, email),
                settings.required("subject"),
                greetings,
                MessageSettings.from(settings, "Bulletin d'information " + organisation.shortName()),
                ArchiveSettings.from(settings));
    }
}
