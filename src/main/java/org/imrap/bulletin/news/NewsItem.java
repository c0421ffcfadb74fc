package org.imrap.bulletin.news;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.OptionalInt;

/**
 * One news item of a bulletin, read from a Markdown file with front matter.
 *
 * @param source      the file it came from
 * @param title       required
 * @param place       required: where it happened (Kangaba, Ségou …)
 * @param date        required: the month it belongs to is taken from it
 * @param link        optional "read more" URL, or {@code null}
 * @param image       optional image path or URL, or {@code null}
 * @param summary     optional one-line summary for the headline list, or {@code null}
 * @param body        the Markdown body, and its HTML and plain-text renderings
 * @param draft       {@code draft: true}: shown in previews, never sent
 * @param placeholder the file line where the placeholder text of {@code news new}'s skeleton is still
 *                    found, if it is: such an item is not written yet
 */
public record NewsItem(
        Path source,
        String title,
        String place,
        LocalDate date,
        String link,
        String image,
        String summary,
        MarkdownText body,
        boolean draft,
        OptionalInt placeholder) {

    /** An item as written for sending: no draft, no placeholder left. */
    public NewsItem(Path source, String title, String place, LocalDate date, String link, String image,
                    String summary, MarkdownText body) {
        this(source, title, place, date, link, image, summary, body, false, OptionalInt.empty());
    }

    /** The line the headline list shows: the summary if there is one, else the title. */
    public String headline() {
        return summary != null ? summary : title;
    }
}
