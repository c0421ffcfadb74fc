package org.imrap.bulletin.config;

import org.imrap.bulletin.mail.Addresses;
import org.imrap.bulletin.mail.InvalidAddressException;

/** The settings the bulletin itself needs: who publishes it, who sends it, and its subject. */
public record BulletinSettings(Organisation organisation, Sender sender, String subjectTemplate) {

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
                    "give the sender as an address such as bulletin@example.org, and a name on one line");
        }
        return new BulletinSettings(
                Organisation.from(settings),
                new Sender(name, email),
                settings.required("subject"));
    }
}
