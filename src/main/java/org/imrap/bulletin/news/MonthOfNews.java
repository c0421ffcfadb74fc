package org.imrap.bulletin.news;

import java.time.YearMonth;
import java.util.List;

/** The news items of one month, in date order: the content of one bulletin. */
public record MonthOfNews(YearMonth month, List<NewsItem> items) {
    public MonthOfNews {
        items = List.copyOf(items);
    }
}
