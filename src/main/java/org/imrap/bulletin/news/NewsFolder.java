package org.imrap.bulletin.news;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.io.AtomicFile;
import org.imrap.bulletin.address.Addresses;
import org.imrap.bulletin.address.InvalidAddressException;

/** The {@code news/} folder: every {@code *.md} file in it is one news item. */
public final class NewsFolder {
    private final Path dir;

    public NewsFolder(Path dir) {
        this.dir = dir;
    }

    /** Every item, sorted by date then file name; fails listing every bad file if any is bad. */
    public List<NewsItem> readAll() {
        if (!Files.isDirectory(dir)) {
            throw new BulletinException(ExitCode.NO_INPUT, t("news.noFolder", dir), t("news.noFolder.hint"));
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(NewsFolder::isNewsFile).sorted().toList();
        } catch (IOException e) {
            throw new BulletinException(ExitCode.NO_INPUT, t("folder.unreadable", dir, e.getMessage()), null);
        }
        List<Problem> problems = new ArrayList<>();
        List<NewsItem> items = new ArrayList<>();
        for (Path file : files) {
            NewsFile.read(file, problems).ifPresent(items::add);
        }
        if (!problems.isEmpty()) {
            long badFiles = problems.stream().map(Problem::file).distinct().count();
            throw new BadDataException(org.imrap.bulletin.Text.count((int) badFiles, "news.badFiles"),
                    problems, t("news.badFiles.hint"));
        }
        items.sort(Comparator.comparing(NewsItem::date).thenComparing(item -> item.source().getFileName().toString()));
        return items;
    }

    /**
     * The items of one month: {@code month}, or the latest month that has items when it is absent.
     * Fails naming the months that do have items if the chosen one has none.
     */
    public MonthOfNews select(Optional<YearMonth> month) {
        List<NewsItem> all = readAll();
        if (all.isEmpty()) {
            throw new NoNewsException(t("news.none", dir), t("news.none.hint"));
        }
        YearMonth chosen = month.orElse(YearMonth.from(all.get(all.size() - 1).date()));
        List<NewsItem> items = all.stream().filter(item -> YearMonth.from(item.date()).equals(chosen)).toList();
        if (items.isEmpty()) {
            List<String> months = all.stream().map(item -> YearMonth.from(item.date()).toString()).distinct().toList();
            throw new NoNewsException(t("news.noneInMonth", chosen, dir),
                    t("news.noneInMonth.hint", String.join(", ", months)));
        }
        return new MonthOfNews(chosen, items);
    }

    /**
     * Writes a new item's skeleton, {@code news/<date>-<place>.md}, to be completed in an editor.
     * Refuses to replace a file that exists.
     */
    public Path create(String title, String place, LocalDate date, String link) {
        for (String value : new String[] {title, place, link}) {
            try {
                Addresses.requireSingleLine(value, t("news.value", value));
            } catch (InvalidAddressException e) {
                throw new BulletinException(ExitCode.USAGE, e.getMessage(), t("oneLine.hint"));
            }
        }
        Path file = dir.resolve(date + "-" + slug(place) + ".md");
        if (Files.exists(file)) {
            throw new BulletinException(ExitCode.CANNOT_CREATE, t("news.exists", file), t("news.exists.hint"));
        }
        StringBuilder text = new StringBuilder("---\n")
                .append("title: ").append(yamlString(title)).append('\n')
                .append("place: ").append(yamlString(place)).append('\n')
                .append("date: ").append(date).append('\n');
        if (link != null) {
            text.append("link: ").append(yamlString(link)).append('\n');
        }
        text.append("summary: \n---\nÉcrivez ici le texte de l'actualité, en Markdown.\n");
        AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** "Ségou" → "segou": the file name of an item about a place. */
    static String slug(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "item" : slug;
    }

    private static String yamlString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static boolean isNewsFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".md") && !name.startsWith(".") && !name.equalsIgnoreCase("README.md")
                && Files.isRegularFile(file);
    }
}
