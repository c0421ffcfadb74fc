package org.imrap.bulletin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.imrap.bulletin.Text;
import org.imrap.bulletin.news.NewsFolder;
import org.imrap.bulletin.news.NewsItem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulletin news list | new}: the news items of the workspace. */
@Command(name = "news", mixinStandardHelpOptions = true,
        subcommandsRepeatable = false)
final class NewsCommand extends GroupCommand {

    @Command(name = "list", mixinStandardHelpOptions = true)
    int list(@picocli.CommandLine.Mixin MonthOption monthOption) {
        YearMonth month = monthOption.month(parent.clock).orElse(null);
        List<NewsItem> items = new NewsFolder(parent.workspace().newsDir()).readAll();
        PrintWriter out = spec.commandLine().getOut();
        int shown = 0;
        for (NewsItem item : items) {
            if (month == null || YearMonth.from(item.date()).equals(month)) {
                out.printf("%s  %-12s %s  (%s)%n", item.date(), item.place(), item.title(), Paths.shown(item.source()));
                shown++;
            }
        }
        out.flush();
        spec.commandLine().getErr().println(Text.count(shown, "count.newsItem"));
        spec.commandLine().getErr().flush();
        return 0;
    }

    @Command(name = "new", mixinStandardHelpOptions = true)
    int create(
            @Option(names = "--title", paramLabel = "TITLE", required = true) String title,
            @Option(names = "--place", paramLabel = "PLACE", required = true) String place,
            @Option(names = "--date", paramLabel = "YYYY-MM-DD")
            LocalDate date,
            @Option(names = "--link", paramLabel = "URL") String link) {
        Path file = new NewsFolder(parent.workspace().newsDir())
                .create(title, place, date != null ? date : LocalDate.now(parent.clock), link);
        spec.commandLine().getOut().println(Paths.shown(file));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
