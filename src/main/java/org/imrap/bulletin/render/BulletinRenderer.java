package org.imrap.bulletin.render;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.Organisation;
import org.imrap.bulletin.config.Unsubscribe;
import org.imrap.bulletin.news.Markdown;
import org.imrap.bulletin.news.MonthOfNews;
import org.imrap.bulletin.news.NewsItem;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.render.Templates.Escaping;

/**
 * Renders a month's bulletin for one person with the workspace's templates:
 * {@value #HTML_TEMPLATE}, {@value #TEXT_TEMPLATE} and the subject from bulletin.properties.
 * Every key the templates can use is always present (an absent optional value is empty), so a
 * name no data provides is a template error, not a blank.
 */
public final class BulletinRenderer {
    public static final String HTML_TEMPLATE = "bulletin.html.mustache";
    public static final String TEXT_TEMPLATE = "bulletin.txt.mustache";
    /** A column that, when set in a person's row, replaces the greeting. */
    public static final String SALUTATION_COLUMN = "salutation";
    /** Where {@code {{#wrap}}…{{/wrap}}} breaks the lines of the text part. */
    static final int TEXT_WIDTH = 76;
    /** Paragraphs remembered wrapped; beyond that (personal text in {{#wrap}}), each is wrapped afresh. */
    private static final int MAX_REMEMBERED = 1000;

    private final Templates templates;
    private final BulletinSettings settings;
    /** The same paragraphs are wrapped for every person: each once. */
    private final Map<String, String> wrapped = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile ItemsOf items;

    public BulletinRenderer(Templates templates, BulletinSettings settings) {
        this.templates = templates;
        this.settings = settings;
    }

    /** The message for one person: their greeting, their way out and, with {@code archive.url}, the link to the month's page. */
    public RenderedMessage render(MonthOfNews news, Recipient recipient) {
        Map<String, Object> scope = common(news);
        Map<String, Object> unsubscribe = new HashMap<>();
        Unsubscribe leaving = settings.message().unsubscribe();
        Optional<String> web = leaving.httpsUri(recipient.email());
        Optional<String> mailto = leaving.mailtoUri(recipient.email());
        unsubscribe.put("link", web.or(() -> mailto).orElse(null));  // the footer's link: the web page if any, else the mail
        unsubscribe.put("web", web.orElse(null));
        unsubscribe.put("mailto", mailto.orElse(null));
        unsubscribe.put("address", leaving.mailto().orElse(null));
        scope.put("unsubscribe", unsubscribe);
        scope.put("personal", true);
        scope.put("viewOnline", settings.archive().pageUrl(news.month()).orElse(null));
        Map<String, Object> person = recipient(recipient);
        scope.put("recipient", person);
        person.put("greeting", greeting(recipient, scope));
        return finish(scope);
    }

    /**
     * The bulletin as the web archive shows it: for nobody in particular. The reader is an {@link ArchiveReader},
     * whose every field is empty, the greeting is {@code archive.greeting}, there is no way out to offer (no
     * address, no token: the unsubscribe values are empty) and no link to the page itself; {@code personal} is
     * false, for templates that have more to leave out. The same templates as the mail, so the same HTML.
     */
    public RenderedMessage renderPage(MonthOfNews news) {
        Map<String, Object> scope = common(news);
        Map<String, Object> unsubscribe = new HashMap<>();
        for (String key : new String[] {"link", "web", "mailto", "address"}) {
            unsubscribe.put(key, null);
        }
        scope.put("unsubscribe", unsubscribe);
        scope.put("personal", false);
        scope.put("viewOnline", null);
        ArchiveReader reader = new ArchiveReader();
        scope.put("recipient", reader);
        reader.put("greeting", templates.renderString(settings.archive().greeting(),
                "bulletin.properties (archive.greeting)", scope).strip());
        return finish(scope);
    }

    /** What every rendering of the month has, whoever it is for. */
    private Map<String, Object> common(MonthOfNews news) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("month", FrenchDates.month(news.month()));
        scope.put("monthNumber", news.month().toString());
        scope.put("organisation", organisation(settings.organisation()));
        scope.put("sender", Map.of("name", settings.sender().name(), "email", settings.sender().email()));
        scope.put("items", items(news));
        scope.put("preheader", news.items().isEmpty() ? "" : news.items().get(0).headline());
        scope.put("wrap", (Function<String, String>) this::wrap);
        return scope;
    }

    private RenderedMessage finish(Map<String, Object> scope) {
        String subject = templates.renderString(settings.subjectTemplate(), "bulletin.properties (subject)", scope)
                .strip();
        scope.put("subject", subject);
        return new RenderedMessage(subject,
                templates.render(HTML_TEMPLATE, Escaping.HTML, scope),
                templates.render(TEXT_TEMPLATE, Escaping.NONE, scope));
    }

    /**
     * The reader of an archive page: nobody. Every field a template may ask of a person ({@code recipient.email},
     * {@code .name}, any list column) is there and empty, so a template written for the lists renders here too,
     * with nothing personal in it; only {@code greeting} is set.
     */
    static final class ArchiveReader extends HashMap<String, Object> {
        @Override
        public boolean containsKey(Object key) {
            return key instanceof String;
        }
    }

    /**
     * The month's items as the templates see them, the same objects for everyone: what a partial makes
     * of one is then made once ({@link RememberedPartial}).
     */
    private List<Item> items(MonthOfNews news) {
        ItemsOf made = items;
        if (made == null || made.news() != news) {
            made = new ItemsOf(news, news.items().stream().map(BulletinRenderer::item).toList());
            items = made;
        }
        return made.items();
    }

    private record ItemsOf(MonthOfNews news, List<Item> items) {
    }

    private String wrap(String text) {
        if (wrapped.size() > MAX_REMEMBERED) {
            return String.join("\n", Markdown.wrap(text, TEXT_WIDTH));
        }
        return wrapped.computeIfAbsent(text, paragraph -> String.join("\n", Markdown.wrap(paragraph, TEXT_WIDTH)));
    }

    /** The organisation as the templates see it ({@code organisation.name}, {@code .websiteLabel} …): the archive's index page too. */
    public static Map<String, Object> organisation(Organisation org) {
        Map<String, Object> map = new HashMap<>();
        map.put("name", org.name());
        map.put("shortName", org.shortName());
        map.put("address", org.address());
        map.put("phone", org.phone());
        map.put("website", org.website());
        map.put("websiteLabel", org.website().replaceFirst("^https?://", "").replaceFirst("/$", ""));
        map.put("facebook", org.facebook());
        map.put("linkedin", org.linkedin());
        map.put("twitter", org.twitter());
        map.put("youtube", org.youtube());
        return map;
    }

    /** A news item as the templates see it: one object per item for a whole run, never changed once made. */
    static final class Item extends HashMap<String, Object> {
    }

    private static Item item(NewsItem item) {
        Item map = new Item();
        map.put("title", item.title());
        map.put("place", item.place());
        map.put("placeUpper", item.place().toUpperCase(Locale.FRENCH));
        map.put("date", item.date().toString());
        map.put("dateLabel", FrenchDates.day(item.date()));
        map.put("link", item.link());
        map.put("image", item.image());
        map.put("summary", item.summary());
        map.put("headline", item.headline());
        map.put("bodyHtml", item.body().html());
        map.put("bodyText", item.body().text());
        map.put("draft", item.draft());
        return map;
    }

    private static Map<String, Object> recipient(Recipient recipient) {
        Map<String, Object> map = new HashMap<>(recipient.fields());
        map.put("email", recipient.email());
        map.put("name", recipient.name());
        map.put("list", recipient.list());
        return map;
    }

    /** The {@code salutation} column when the row has one, else the list's greeting from bulletin.properties. */
    private String greeting(Recipient recipient, Map<String, Object> scope) {
        String salutation = recipient.fields().getOrDefault(SALUTATION_COLUMN, "").strip();
        if (!salutation.isEmpty()) {
            return salutation;
        }
        String key = settings.greetings().containsKey(recipient.list()) ? "greeting." + recipient.list() : "greeting";
        return templates.renderString(settings.greetingFor(recipient.list()), "bulletin.properties (" + key + ")", scope)
                .strip();
    }

}
