package org.imrap.bulletin.config;

import static org.imrap.bulletin.Text.t;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.address.Addresses;
import org.imrap.bulletin.address.InvalidAddressException;

/**
 * What every message carries besides the bulletin: where replies go, the list's identity
 * (RFC 2919), how to leave it, the feedback loop id, attachments, and the size budgets that keep
 * the bulletin light on scarce bandwidth.
 *
 * @param replyTo         {@code sender.replyTo}
 * @param listId          {@code list.id}, e.g. {@code bulletin.imrap-mali.org}
 * @param listName        {@code list.name}, the phrase before the id
 * @param feedbackId      {@code feedback.id}: the campaign is put in front (Gmail's Feedback-ID)
 * @param attachments     {@code attachments}: files sent with every message (paths from the workspace)
 * @param attachmentLimit {@code attachments.maxKB} in bytes
 * @param imageBudget     {@code images.budgetKB} in bytes: above it, a warning
 * @param imageMaxSide    {@code images.maxWidth}: a JPEG or PNG whose longer side is longer than this many
 *                        pixels is scaled down to it before it goes into the message
 */
public record MessageSettings(Optional<Sender> replyTo, Optional<String> listId, String listName,
                              Unsubscribe unsubscribe, Optional<String> feedbackId, List<Path> attachments,
                              long attachmentLimit, long imageBudget, int imageMaxSide) {

    /** Twice the 600-pixel column of the bulletin: sharp on high-density screens, light on the wire. */
    public static final int DEFAULT_IMAGE_MAX_SIDE = 1200;

    private static final Settings.Range PIXELS = Settings.Range.of(100, 10000)
            .saying("settings.pixels", "settings.pixels.hint");
    /** As many as a byte count in a {@code long} can hold. */
    private static final Settings.Range KILOBYTES = Settings.Range.of(1, Long.MAX_VALUE / 1024)
            .saying("settings.kilobytes", "settings.kilobytes.hint");

    public static final MessageSettings NONE = new MessageSettings(Optional.empty(), Optional.empty(), "",
            Unsubscribe.NONE, Optional.empty(), List.of(), 1024 * 1024, 150 * 1024);

    /** Settings with images scaled to the default size. */
    public MessageSettings(Optional<Sender> replyTo, Optional<String> listId, String listName, Unsubscribe unsubscribe,
                           Optional<String> feedbackId, List<Path> attachments, long attachmentLimit, long imageBudget) {
        this(replyTo, listId, listName, unsubscribe, feedbackId, attachments, attachmentLimit, imageBudget,
                DEFAULT_IMAGE_MAX_SIDE);
    }

    static MessageSettings from(Settings settings, String defaultListName) {
        Path root = settings.file().toAbsolutePath().getParent();
        Optional<Sender> replyTo = settings.optional("sender.replyTo").map(address -> {
            check(settings, "sender.replyTo", address);
            return new Sender(settings.optional("sender.replyToName").orElse(""), address);
        });
        Optional<String> listId = settings.optional("list.id");
        listId.ifPresent(id -> {
            if (!id.matches("[A-Za-z0-9][A-Za-z0-9.-]*\\.[A-Za-z0-9.-]+")) {
                throw settings.error("list.id", t("settings.listId", id), t("settings.listId.hint"));
            }
        });
        Optional<String> mailto = settings.optional("unsubscribe.mailto");
        mailto.ifPresent(address -> check(settings, "unsubscribe.mailto", address));
        Optional<String> url = settings.optional("unsubscribe.url");
        url.ifPresent(link -> {
            if (!link.matches("https://[\\x21-\\x7E&&[^<>\"#]]+")) {
                throw settings.error("unsubscribe.url", t("settings.unsubscribeUrl"), t("settings.unsubscribeUrl.hint"));
            }
        });
        Optional<byte[]> secret = mailto.isPresent() || url.isPresent() ? Optional.of(WorkspaceSecret.load(root))
                : Optional.empty();
        Optional<String> feedbackId = settings.optional("feedback.id");
        feedbackId.ifPresent(id -> {
            singleLine(settings, "feedback.id", id);
            if (!id.matches("[\\x21-\\x7E]+")) {
                throw settings.error("feedback.id", t("settings.feedbackId"), t("settings.feedbackId.hint"));
            }
        });
        List<Path> attachments = settings.optional("attachments")
                .map(list -> Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .map(root::resolve).toList())
                .orElse(List.of());
        String listName = settings.optional("list.name").orElse(defaultListName);
        singleLine(settings, "list.name", listName);
        return new MessageSettings(replyTo, listId, listName, new Unsubscribe(mailto, url, secret, french(settings)), feedbackId,
                attachments, kilobytes(settings, "attachments.maxKB", 1024), kilobytes(settings, "images.budgetKB", 150),
                settings.integer("images.maxWidth", DEFAULT_IMAGE_MAX_SIDE, PIXELS));
    }

    /** {@code language}: the bulletin's, {@code fr} (the default, as the sample templates are) or {@code en}. */
    private static boolean french(Settings settings) {
        String language = settings.optional("language").orElse("fr").strip().toLowerCase(java.util.Locale.ROOT);
        if (!language.equals("fr") && !language.equals("en")) {
            throw settings.error("language", t("settings.language", language), t("settings.language.hint"));
        }
        return language.equals("fr");
    }

    private static void check(Settings settings, String key, String address) {
        try {
            Addresses.parse(address);
        } catch (InvalidAddressException e) {
            throw settings.error(key, e.getMessage(), t("settings.address.hint"));
        }
    }

    private static void singleLine(Settings settings, String key, String value) {
        try {
            Addresses.requireSingleLine(value, key);
        } catch (InvalidAddressException e) {
            throw settings.error(key, e.getMessage(), t("oneLine.hint"));
        }
    }

    private static long kilobytes(Settings settings, String key, long fallback) {
        return settings.whole(key, settings.optional(key), fallback, KILOBYTES) * 1024;
    }
}
