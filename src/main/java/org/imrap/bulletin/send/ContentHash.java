package org.imrap.bulletin.send;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.io.ContainedFile;
import org.imrap.bulletin.news.MonthOfNews;
import org.imrap.bulletin.news.NewsItem;

/**
 * Identifies the bulletin's content, the same for every person: SHA-256 over the month's news
 * items, every template and image file, the subject and greetings, and the organisation — shortened to 16 hex
 * digits. If it changes during a campaign, some people got another version.
 */
final class ContentHash {
    private ContentHash() {
    }

    /** {@code folders}: the workspace's message folders; a template file that leads out of them is not hashed. */
    static String of(MonthOfNews news, Path templatesDir, List<Path> folders, BulletinSettings settings) {
        MessageDigest digest = sha256();
        update(digest, news.month().toString());
        for (NewsItem item : news.items()) {
            for (String value : new String[] {item.title(), item.place(), item.date().toString(), item.link(),
                item.image(), item.summary(), item.body().markdown()}) {
                update(digest, value);
            }
        }
        try (Stream<Path> files = Files.walk(templatesDir)) {
            // A link that leads out of the workspace can never reach a message (reading it for a message is
            // refused), so it is not read here either: only what may travel is hashed.
            List<Path> sorted = files.filter(Files::isRegularFile).filter(ContentHash::isPartOfTheBulletin)
                    .filter(file -> ContainedFile.within(file, folders).isPresent()).sorted().toList();
            for (Path file : sorted) {
                update(digest, templatesDir.relativize(file).toString());
                digest.update(Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new BulletinException(ExitCode.NO_INPUT, t("file.cannotRead", templatesDir, e.getMessage()), null);
        }
        update(digest, settings.subjectTemplate());
        update(digest, new java.util.TreeMap<>(settings.greetings()).toString());
        update(digest, settings.organisation().toString());
        update(digest, settings.sender().toString());
        // The "Voir en ligne" link is in every message once archive.url is set; a workspace without it keeps its hash.
        settings.archive().url().ifPresent(url -> update(digest, url));
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    /**
     * Templates and images; not an editor's backup, a README or a file manager's droppings, nor the web
     * archive's index page, which no message carries.
     */
    private static boolean isPartOfTheBulletin(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return !name.startsWith(".") && name.matches(".*\\.(mustache|png|jpe?g|gif|svg|webp)")
                && !name.equals(org.imrap.bulletin.config.SiteLayout.INDEX_TEMPLATE);
    }

    private static void update(MessageDigest digest, String value) {
        digest.update((value == null ? "\u0000" : value).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x1F);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
