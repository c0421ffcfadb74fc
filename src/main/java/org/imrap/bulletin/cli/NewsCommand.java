package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.Text;
import org.imrap.bulletin.news.NewsFolder;
import org.imrap.bulletin.news.NewsItem;
import org.imrap.bulletin.news.Skeleton;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulletin news list | new}: the news items of the workspace. */
@Command(name = "news", mixinStandardHelpOptions = true,
        subcommandsRepeatable = false)
final class NewsCommand extends GroupCommand {
    private static final Path HERE = Path.of("").toAbsolutePath();

    @Command(name = "list", mixinStandardHelpOptions = true)
    int list(@picocli.CommandLine.Mixin MonthOption monthOption) {
        Optional<YearMonth> month = monthOption.month(parent.clock);
        NewsFolder.Listing listing = new NewsFolder(parent.workspace().newsDir()).list(month);
        PrintWriter out = spec.commandLine().getOut();
        for (NewsItem item : listing.items()) {
            out.printf("%s  %-12s %s  (%s)%s%n", item.date(), item.place(), item.title(), Paths.shown(item.source()),
                    item.draft() ? t("news.list.draft") : "");
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (Problem notice : listing.notices()) {
            err.println(t("warning", notice.describe(HERE)));
        }
        err.println(Text.count(listing.items().size(), "count.newsItem"));
        err.flush();
        return 0;
    }

    @Command(name = "new", mixinStandardHelpOptions = true)
    int create(
            @Option(names = "--title", paramLabel = "TITLE", required = true) String title,
            @Option(names = "--place", paramLabel = "PLACE", required = true) String place,
            @Option(names = "--date", paramLabel = "YYYY-MM-DD")
            LocalDate date,
            @Option(names = "--link", paramLabel = "URL") String link,
            @Option(names = "--summary", paramLabel = "TEXT") String summary,
            @Option(names = "--image", paramLabel = "FILE") Path image) {
        Skeleton skeleton = new Skeleton(title, place, date != null ? date : LocalDate.now(parent.clock),
                Optional.ofNullable(link), Optional.ofNullable(summary), Optional.ofNullable(image));
        NewsFolder.Created created = new NewsFolder(parent.workspace().newsDir())
                .create(skeleton, parent.workspace().root());
        created.copiedImage().ifPresent(copy -> {
            spec.commandLine().getErr().println(t("news.imageCopied", image, Paths.shown(copy)));
            spec.commandLine().getErr().flush();
        });
        spec.commandLine().getOut().println(Paths.shown(created.file()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
