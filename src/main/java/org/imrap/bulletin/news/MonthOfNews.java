package org.imrap.bulletin.news;

import java.time.YearMonth;
import java.util.List;
import org.imrap.bulletin.Problem;

/**
 * The news items of one month, in date order: the content of one bulletin.
 *
 * @param notices what the writer should know and that stops nothing: files of other months that cannot
 *                be used yet, files that are no news item, drafts, placeholder text in a preview
 */
public record MonthOfNews(YearMonth month, List<NewsItem> items, List<Problem> notices) {
    public MonthOfNews {
        items = List.copyOf(items);
        notices = List.copyOf(notices);
    }

    public MonthOfNews(YearMonth month, List<NewsItem> items) {
        this(month, items, List.of());
    }
}
