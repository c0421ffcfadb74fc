package org.imrap.bulletin.news;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * One news item of a bulletin, read from a Markdown file with YAML front matter.
 *
 * @param source   the file it came from
 * @param title    required
 * @param place    required: where it happened (Kangaba, Ségou …)
 * @param date     required: the month it belongs to is taken from it
 * @param link     optional "read more" URL, or {@code null}
 * @param image    optional image path or URL, or {@code null}
 * @param summary  optional one-line summary for the headline list, or {@code null}
 * @param body     the Markdown body, and its HTML and plain-text renderings
 */
public record NewsItem(
        Path source,
        String title,
        String place,
        LocalDate date,
        String link,
        String image,
        String summary,
        MarkdownText body) {

    /** The line the headline list shows: the summary if there is one, else the title. */
    public String headline() {
        return summary != null ? summary : title;
    }
}
