package org.imrap.bulletin.config;

import static org.imrap.bulletin.Text.t;

import java.time.YearMonth;
import java.util.Optional;
import org.imrap.bulletin.address.Addresses;
import org.imrap.bulletin.address.InvalidAddressException;

/**
 * The bulletin on the web ({@code bulletin archive}, and the "Voir en ligne" line of every message).
 *
 * @param url      {@code archive.url}: where the web archive is published, ending in {@code /}; when set,
 *                 every message links to its month's page there
 * @param greeting {@code archive.greeting}: the greeting of the archive's pages, which are for nobody in
 *                 particular (a Mustache template, as {@code greeting} is)
 */
public record ArchiveSettings(Optional<String> url, String greeting) {
    /** The greeting of the archive's pages when bulletin.properties gives none: it names nobody. */
    public static final String DEFAULT_GREETING = "Chères lectrices, chers lecteurs,";

    public static final ArchiveSettings NONE = new ArchiveSettings(Optional.empty(), DEFAULT_GREETING);

    /** The address of a month's page: {@code archive.url} + {@code YYYY-MM/}. */
    public Optional<String> pageUrl(YearMonth month) {
        return url.map(base -> base + month + "/");
    }

    static ArchiveSettings from(Settings settings) {
        Optional<String> url = settings.optional("archive.url").map(link -> {
            // Printed into every message's HTML and text: one line, ASCII, nothing that ends an attribute.
            if (!link.matches("https?://[\\x21-\\x7E&&[^<>\"'#?\\\\]]+")) {
                throw settings.error("archive.url", t("settings.archiveUrl", link), t("settings.archiveUrl.hint"));
            }
            return link.endsWith("/") ? link : link + "/";
        });
        String greeting = settings.optional("archive.greeting").orElse(DEFAULT_GREETING);
        try {
            Addresses.requireSingleLine(greeting, "archive.greeting");
        } catch (InvalidAddressException e) {
            throw settings.error("archive.greeting", e.getMessage(), t("oneLine.hint"));
        }
        return new ArchiveSettings(url, greeting);
    }
}
