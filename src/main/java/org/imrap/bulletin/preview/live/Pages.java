package org.imrap.bulletin.preview.live;

import static org.imrap.bulletin.Text.t;

import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.Text;
import org.imrap.bulletin.address.EmailAddress;
import org.imrap.bulletin.preview.RenderedPreview;
import org.imrap.bulletin.recipients.Recipient;

/**
 * The live preview's pages. Everything from the workspace — names and addresses from lists, subjects,
 * messages naming files — is {@link Html#escape escaped}: a list is a file anyone may have filled in.
 */
final class Pages {
    /** The widths the bulletin is shown at: a desktop mail reader's column, and a phone. */
    static final int[] WIDTHS = {600, 375};
    private static final int PROBLEMS_SHOWN = 10;
    private static final Pattern CID = Pattern.compile("(?i)cid:([^\"'\\s)>]+)");
    private static final String STYLE = """
            body{margin:0;font:15px/1.4 system-ui,sans-serif;color:#1d1d1f;background:#eef0f3}
            header{padding:12px 20px;background:#fff;border-bottom:1px solid #d5d8dd}
            header form{display:inline-block;margin:0 16px 6px 0}
            header p,header ul{margin:6px 0}
            .warnings li{color:#8a4b00}
            .error{border-left:4px solid #b00020;background:#fff4f5;padding:8px 12px;margin:8px 0}
            .error pre{white-space:pre-wrap;margin:4px 0;font:14px/1.4 ui-monospace,monospace}
            main{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start;padding:20px}
            figure{margin:0}
            figcaption{font-size:13px;color:#555;margin-bottom:4px}
            iframe{display:block;border:1px solid #c9ccd1;background:#fff;height:900px}
            #stopped{position:fixed;bottom:0;left:0;right:0;margin:0;padding:10px 20px;background:#b00020;color:#fff}
            """;

    private Pages() {
    }

    /**
     * The page the writer keeps open: the menu of people, the message's subject, size, warnings (or what is
     * wrong, with file and line), links to its text part and .eml, and the bulletin at each width.
     *
     * @param to the person asked for, or empty for the first person of the first list
     */
    static String frame(Rendering rendering, Optional<Menu> menu, String to, Path root) {
        String query = "to=" + url(to) + "&amp;v=" + rendering.version();
        StringBuilder page = new StringBuilder(8192);
        String title = rendering.ok() ? rendering.message().subject() : t("live.failedTitle");
        page.append("<!DOCTYPE html>\n<html lang=\"").append(Text.french() ? "fr" : "en").append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n")
                .append("<title>").append(Html.escape(t("live.title", title))).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n")
                .append("<script src=\"/live.js\" defer></script>\n</head>\n")
                .append("<body data-version=\"").append(rendering.version()).append("\">\n<header id=\"top\">\n");
        menu(page, rendering, menu, to);
        if (rendering.ok()) {
            facts(page, rendering, query, root);
        } else {
            page.append(errorBlock(rendering.failure(), root));
        }
        page.append("</header>\n<main>\n");
        for (int width : WIDTHS) {
            page.append("<figure><figcaption>").append(Html.escape(t("live.width", width))).append("</figcaption>")
                    .append("<iframe class=\"bulletin\" src=\"/message.html?").append(query).append("\" style=\"width:")
                    .append(width).append("px\" sandbox=\"allow-same-origin allow-popups allow-popups-to-escape-sandbox\"")
                    .append(" title=\"").append(Html.escape(t("live.width", width))).append("\"></iframe></figure>\n");
        }
        page.append("<figure><figcaption>").append(Html.escape(t("live.textPart"))).append("</figcaption>")
                .append("<iframe class=\"text\" src=\"/message.txt?").append(query).append("\" style=\"width:600px\"")
                .append(" sandbox=\"allow-same-origin\" title=\"").append(Html.escape(t("live.textPart")))
                .append("\"></iframe></figure>\n</main>\n")
                .append("<p id=\"stopped\" hidden>").append(Html.escape(t("live.serverStopped"))).append("</p>\n")
                .append("</body>\n</html>\n");
        return page.toString();
    }

    /** The choice of person: a menu of the lists' people, and a field for any other address. */
    private static void menu(StringBuilder page, Rendering rendering, Optional<Menu> menu, String to) {
        String current = rendering.ok() ? rendering.preview().recipient().email() : to;
        String key = EmailAddress.canonical(current);
        boolean listed = menu.stream().flatMap(found -> found.groups().stream()).flatMap(group -> group.people().stream())
                .anyMatch(person -> EmailAddress.canonical(person.email()).equals(key));
        if (menu.isPresent() && !menu.get().isEmpty()) {
            page.append("<form method=\"get\" action=\"/\"><label>").append(Html.escape(t("live.for")))
                    .append(" <select name=\"to\">\n");
            if (!listed && !current.isBlank()) {
                // Someone typed in, or beyond the first people of a list: shown, so the menu does not lie.
                page.append("<option value=\"").append(Html.escape(current)).append("\" selected>")
                        .append(Html.escape(current)).append("</option>\n");
            }
            for (Menu.Group group : menu.get().groups()) {
                page.append("<optgroup label=\"").append(Html.escape(group.list() + " (" + group.reached() + ")"))
                        .append("\">\n");
                for (Recipient person : group.people()) {
                    boolean selected = listed && EmailAddress.canonical(person.email()).equals(key);
                    page.append("<option value=\"").append(Html.escape(person.email())).append('"')
                            .append(selected ? " selected" : "").append('>').append(Html.escape(label(person)))
                            .append("</option>\n");
                }
                if (group.reached() > group.people().size()) {
                    page.append("<option disabled>").append(Html.escape(t("live.more",
                            group.reached() - group.people().size()))).append("</option>\n");
                }
                page.append("</optgroup>\n");
            }
            page.append("</select></label> <button>").append(Html.escape(t("live.show"))).append("</button></form>\n");
        } else if (rendering.ok() && rendering.preview().standIn()) {
            page.append("<p>").append(Html.escape(t("live.nobody", rendering.preview().recipient().email()))).append("</p>\n");
        }
        page.append("<form method=\"get\" action=\"/\"><label>").append(Html.escape(t("live.address")))
                .append(" <input name=\"to\" type=\"text\" size=\"30\" value=\"").append(Html.escape(listed ? "" : to))
                .append("\"></label> <button>").append(Html.escape(t("live.show"))).append("</button></form>\n");
    }

    private static String label(Recipient person) {
        return person.name().isBlank() ? person.email() : person.name() + " <" + person.email() + ">";
    }

    /** Subject, size and links, then the warnings a send's plan would show. */
    private static void facts(StringBuilder page, Rendering rendering, String query, Path root) {
        RenderedPreview preview = rendering.preview();
        long bytes = preview.eml().length;
        page.append("<p>").append(Html.escape(t("live.subject", rendering.message().subject()))).append("</p>\n<p>")
                .append(Html.escape(t("live.size", Math.max(1, (bytes + 512) / 1024)))).append(" · ")
                .append("<a href=\"/message.txt?").append(query).append("\" target=\"_blank\">")
                .append(Html.escape(t("live.textPart"))).append("</a> · ")
                .append("<a href=\"/message.eml?").append(query).append("\" download>")
                .append(Html.escape(t("live.eml"))).append("</a></p>\n");
        List<String> warnings = warnings(preview, root);
        if (!warnings.isEmpty()) {
            page.append("<ul class=\"warnings\">\n");
            warnings.forEach(warning -> page.append("<li>").append(Html.escape(warning)).append("</li>\n"));
            page.append("</ul>\n");
        }
    }

    /** What the plan of a send warns about: the message (images, HTML that Gmail clips), news files, lists, rows left out. */
    static List<String> warnings(RenderedPreview preview, Path root) {
        List<String> warnings = new ArrayList<>();
        preview.warnings().forEach(warning -> warnings.add(t("warning", warning)));
        preview.newsNotices().forEach(problem -> warnings.add(t("warning", problem.describe(root))));
        preview.audience().warnings().forEach(problem -> warnings.add(t("warning", problem.describe(root))));
        List<Problem> leftOut = new ArrayList<>(preview.audience().problems());
        leftOut.addAll(preview.audience().suppressionProblems());
        leftOut.stream().limit(PROBLEMS_SHOWN).forEach(problem -> warnings.add(t("plan.leftOut", problem.describe(root)).strip()));
        if (leftOut.size() > PROBLEMS_SHOWN) {
            warnings.add(t("live.moreLeftOut", leftOut.size() - PROBLEMS_SHOWN));
        }
        return warnings;
    }

    /** What went wrong, as the command line would say it: message, each file:line, and what to try. */
    static List<String> describe(Throwable failure, Path root) {
        List<String> lines = new ArrayList<>();
        if (failure instanceof BulletinException bulletin) {
            lines.add(shorten(bulletin.getMessage(), root));
            if (bulletin instanceof BadDataException bad) {
                bad.problems().forEach(problem -> lines.add("  " + problem.describe(root)));
            }
            bulletin.hint().ifPresent(hint -> lines.add("  → " + shorten(hint, root)));
        } else {
            lines.add(t("error.internal") + failure);
            lines.add("  → " + t("error.internal.hint"));
        }
        return lines;
    }

    private static String errorBlock(Throwable failure, Path root) {
        return "<div class=\"error\" role=\"alert\"><strong>" + Html.escape(t("live.failed")) + "</strong><pre>"
                + Html.escape(String.join("\n", describe(failure, root))) + "</pre></div>\n";
    }

    /** The page a frame shows in place of the bulletin while it cannot be rendered. */
    static String failure(Throwable failure, Path root) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><style>" + STYLE + "body{background:#fff;padding:12px}"
                + "</style></head><body>" + errorBlock(failure, root) + "</body></html>\n";
    }

    /** The HTML part with each {@code cid:} image (RFC 2392) pointing at where this server serves it. */
    static String withServedImages(String html) {
        Matcher cid = CID.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 64);
        while (cid.find()) {
            cid.appendReplacement(out, Matcher.quoteReplacement("/image/" + url(cid.group(1))));
        }
        return cid.appendTail(out).toString();
    }

    /** Paths inside the workspace are shown from it, as in {@code news/x.md:3}. */
    private static String shorten(String text, Path root) {
        return text.replace(root + File.separator, "");
    }

    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
