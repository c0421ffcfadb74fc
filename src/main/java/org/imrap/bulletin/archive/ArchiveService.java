package org.imrap.bulletin.archive;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.compose.MessageBuilders;
import org.imrap.bulletin.config.SiteLayout;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.journal.JournalFile;
import org.imrap.bulletin.mail.MessageBuilder;
import org.imrap.bulletin.news.MonthOfNews;
import org.imrap.bulletin.news.NewsFolder;
import org.imrap.bulletin.news.NewsItem;
import org.imrap.bulletin.news.NoNewsException;
import org.imrap.bulletin.render.BulletinRenderer;
import org.imrap.bulletin.render.FrenchDates;
import org.imrap.bulletin.render.RenderedMessage;
import org.imrap.bulletin.render.Templates;
import org.imrap.bulletin.render.Templates.Escaping;

/**
 * {@code bulletin archive}: the bulletins sent so far as a static web site that any host can serve as it is —
 * {@code index.html} (every bulletin, newest first, with its items' places and titles), {@code YYYY-MM/index.html}
 * for each bulletin with its images beside it, and the Atom feed {@code feed.xml}. A page is the bulletin rendered
 * by the same templates as the mail, for nobody in particular ({@link BulletinRenderer#renderPage}): no reader's
 * name, address or token, no way out. Only what a send would carry: no draft. Only months sent (their campaign
 * has a {@code sent} row in {@code journal/}; the sandbox's sends are not sends) and the month asked for. Nothing
 * depends on the clock: the same workspace gives the same bytes.
 */
public final class ArchiveService {
    public static final String INDEX_TEMPLATE = SiteLayout.INDEX_TEMPLATE;
    public static final String PAGE = SiteLayout.PAGE;
    public static final String FEED = "feed.xml";
    private static final String BUILT_IN_INDEX = "/org/imrap/bulletin/workspace/templates/" + INDEX_TEMPLATE;

    /** One bulletin in the archive. */
    private record Published(MonthOfNews news, String subject) {
        String href() {
            return news.month() + "/" + PAGE;
        }

        LocalDate updated() {
            return news.items().stream().map(NewsItem::date).max(LocalDate::compareTo).orElseThrow();
        }
    }

    public ArchiveResult archive(ArchiveRequest request) {
        Workspace workspace = request.workspace();
        BulletinSettings settings = BulletinSettings.load(workspace);
        NavigableSet<YearMonth> months = new TreeSet<>(SentMonths.in(JournalFile.dir(workspace, false)));
        request.month().ifPresent(months::add);
        if (months.isEmpty()) {
            throw nothingSent(workspace);
        }
        NewsFolder news = new NewsFolder(workspace.newsDir());
        Templates templates = new Templates(workspace.templatesDir());
        BulletinRenderer renderer = new BulletinRenderer(templates, settings);
        MessageBuilder images = MessageBuilders.forWorkspacePages(workspace, settings);
        SiteFolder site = new SiteFolder(request.outDir());

        List<Published> published = new ArrayList<>();
        Set<Problem> notices = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        Set<YearMonth> lost = new TreeSet<>();
        for (YearMonth month : months.descendingSet()) {
            MonthOfNews ofMonth;
            try {
                ofMonth = news.select(Optional.of(month), NewsFolder.Use.SEND);
            } catch (NoNewsException e) {
                if (request.month().equals(Optional.of(month))) {
                    throw e;
                }
                // Sent, but its news are gone since: its page, if published, is left as it was.
                warnings.add(t("archive.sentWithoutNews", month, e.getMessage()));
                lost.add(month);
                continue;
            }
            notices.addAll(ofMonth.notices());
            RenderedMessage page = renderer.renderPage(ofMonth);
            MessageBuilder.WebPage web = images.forWeb(page.html());
            site.write(month + "/" + PAGE, text(web.html()));
            web.images().forEach((name, bytes) -> site.write(month + "/" + name, bytes));
            published.add(new Published(ofMonth, page.subject()));
        }
        if (published.isEmpty()) {
            throw new BulletinException(ExitCode.NO_INPUT, t("archive.noNews", workspace.newsDir()),
                    t("archive.noNews.hint"));
        }
        site.write(PAGE, text(templates.render(INDEX_TEMPLATE, Escaping.HTML, indexScope(settings, published),
                builtInIndex())));
        site.write(FEED, feed(settings, published));
        site.prune(published.stream().map(p -> p.news().month()).collect(java.util.stream.Collectors.toSet()), lost);
        return new ArchiveResult(site.root(), published.stream().map(p -> p.news().month()).toList(), site.written(),
                site.unchanged(), site.removed(), new ArrayList<>(notices), warnings);
    }

    private static Map<String, Object> indexScope(BulletinSettings settings, List<Published> published) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("title", settings.message().listName());
        scope.put("organisation", BulletinRenderer.organisation(settings.organisation()));
        scope.put("feed", FEED);
        List<Map<String, Object>> bulletins = new ArrayList<>();
        for (Published bulletin : published) {
            Map<String, Object> entry = new HashMap<>();
            entry.put("month", FrenchDates.month(bulletin.news().month()));
            entry.put("monthNumber", bulletin.news().month().toString());
            entry.put("subject", bulletin.subject());
            entry.put("href", bulletin.href());
            List<Map<String, Object>> items = new ArrayList<>();
            for (NewsItem item : bulletin.news().items()) {
                Map<String, Object> listed = new HashMap<>();
                listed.put("title", item.title());
                listed.put("place", item.place());
                listed.put("date", item.date().toString());
                listed.put("dateLabel", FrenchDates.day(item.date()));
                listed.put("headline", item.headline());
                items.add(listed);
            }
            entry.put("items", items);
            bulletins.add(entry);
        }
        scope.put("bulletins", bulletins);
        return scope;
    }

    /** The feed's ids are made in the list's name ({@code list.id}), else the sender's domain. */
    private static byte[] feed(BulletinSettings settings, List<Published> published) {
        String identity = settings.message().listId().orElse(settings.sender().domain());
        List<AtomFeed.Entry> entries = new ArrayList<>();
        for (Published bulletin : published) {
            List<String> lines = bulletin.news().items().stream().map(item -> item.place() + " : " + item.title()).toList();
            entries.add(new AtomFeed.Entry(AtomFeed.id(identity, bulletin.news().month().toString()), bulletin.subject(),
                    bulletin.updated(), bulletin.href(), String.join("\n", lines)));
        }
        return AtomFeed.write(AtomFeed.id(identity, "archive"), settings.message().listName(),
                settings.organisation().name(), settings.organisation().website(), PAGE, FEED, entries);
    }

    /** A page as a web host serves it: UTF-8, lines ending in {@code \n} whatever the templates' files end in. */
    private static byte[] text(String html) {
        return html.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String builtInIndex() {
        try (InputStream in = ArchiveService.class.getResourceAsStream(BUILT_IN_INDEX)) {
            if (in == null) {
                throw new IllegalStateException("bulletin's jar holds no " + BUILT_IN_INDEX);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** No month to publish: says where the journal was looked for, and what the sandbox sent, which does not count. */
    private static BulletinException nothingSent(Workspace workspace) {
        NavigableSet<YearMonth> sandbox = SentMonths.in(JournalFile.dir(workspace, true));
        String example = sandbox.isEmpty() ? "YYYY-MM" : sandbox.last().toString();
        String hint = sandbox.isEmpty() ? t("archive.nothingSent.hint", example)
                : t("archive.nothingSent.sandbox", String.join(", ", sandbox.stream().map(YearMonth::toString).toList()),
                        JournalFile.dir(workspace, true), example);
        return new BulletinException(ExitCode.NO_INPUT, t("archive.nothingSent", JournalFile.dir(workspace, false)), hint);
    }
}
