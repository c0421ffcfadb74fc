package org.imrap.bulletin.news;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
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
import org.imrap.bulletin.Text;
import org.imrap.bulletin.io.AtomicFile;
import org.imrap.bulletin.address.Addresses;
import org.imrap.bulletin.address.InvalidAddressException;
import org.imrap.bulletin.io.ContainedFile;

/**
 * The {@code news/} folder: every {@code *.md} file in it is one news item. Only the files that matter
 * to what is asked must be usable: for a month's bulletin, its own items; a file of another month that
 * cannot be used yet, or a file that is no news item at all (notes.md), is a notice, not a stop.
 */
public final class NewsFolder {
    /** What a month's items are for. */
    public enum Use {
        /** A preview: drafts are shown (the templates mark them), placeholder text is a notice. */
        PREVIEW,
        /** A send: drafts are left out, placeholder text stops the send. */
        SEND
    }

    /** The images {@code news new --image} copies into the workspace go here, under the workspace. */
    public static final String IMAGES = "news/images";

    /** Items, sorted by date then file name, and what the writer should know about other files. */
    public record Listing(List<NewsItem> items, List<Problem> notices) {
        public Listing {
            items = List.copyOf(items);
            notices = List.copyOf(notices);
        }
    }

    /** A skeleton written by {@link #create}, and the copy of its image when one was made. */
    public record Created(Path file, Optional<Path> copiedImage) {
    }

    private static final Comparator<NewsItem> ORDER = Comparator.comparing(NewsItem::date)
            .thenComparing(item -> item.source().getFileName().toString());

    private final Path dir;

    public NewsFolder(Path dir) {
        this.dir = dir;
    }

    /** Every item, sorted by date then file name; fails listing every bad file if any is bad. */
    public List<NewsItem> readAll() {
        return list(Optional.empty()).items();
    }

    /**
     * The items of {@code month}, or of every month when it is absent, sorted by date then file name. Fails
     * listing every problem of the files that concern them; the other files' problems are notices.
     */
    public Listing list(Optional<YearMonth> month) {
        List<NewsFile.Reading> readings = readings();
        List<Problem> notices = new ArrayList<>();
        stopOnProblems(sortOut(readings, month, notices));
        List<NewsItem> items = readings.stream().flatMap(reading -> reading.item().stream())
                .filter(item -> month.map(m -> YearMonth.from(item.date()).equals(m)).orElse(true))
                .sorted(ORDER).toList();
        return new Listing(items, notices);
    }

    /** The items of a month for a preview: {@link #select(Optional, Use)} with {@link Use#PREVIEW}. */
    public MonthOfNews select(Optional<YearMonth> month) {
        return select(month, Use.PREVIEW);
    }

    /**
     * The items of one month: {@code month}, or the latest month any news file is dated in when it is
     * absent. Drafts are shown in a preview and left out of a send; an item that still holds the skeleton's
     * placeholder text stops a send (exit 65). Fails naming the months that have items if the chosen one has
     * none.
     */
    public MonthOfNews select(Optional<YearMonth> month, Use use) {
        List<NewsFile.Reading> readings = readings();
        List<YearMonth> months = readings.stream().filter(reading -> !reading.notAnItem())
                .flatMap(reading -> reading.month().stream()).distinct().sorted().toList();
        if (months.isEmpty()) {
            throw new NoNewsException(t("news.none", dir), t("news.none.hint"));
        }
        YearMonth chosen = month.orElse(months.get(months.size() - 1));
        List<Problem> notices = new ArrayList<>();
        stopOnProblems(sortOut(readings, Optional.of(chosen), notices));
        List<NewsItem> ofMonth = readings.stream().flatMap(reading -> reading.item().stream())
                .filter(item -> YearMonth.from(item.date()).equals(chosen)).sorted(ORDER).toList();
        List<NewsItem> items = new ArrayList<>();
        List<Problem> unfinished = new ArrayList<>();
        for (NewsItem item : ofMonth) {
            if (item.draft()) {
                notices.add(Problem.wholeFile(item.source(), t(use == Use.SEND ? "news.draftLeftOut" : "news.draftShown")));
                if (use == Use.SEND) {
                    continue;
                }
            }
            item.placeholder().ifPresent(line -> (use == Use.SEND ? unfinished : notices)
                    .add(new Problem(item.source(), line, t(use == Use.SEND ? "news.placeholder" : "news.placeholderPreview"))));
            items.add(item);
        }
        if (!unfinished.isEmpty()) {
            throw new BadDataException(Text.count(unfinished.size(), "news.unfinished"), unfinished,
                    t("news.unfinished.hint"));
        }
        if (items.isEmpty()) {
            if (!ofMonth.isEmpty()) {
                throw new NoNewsException(t("news.onlyDrafts", chosen, dir), t("news.onlyDrafts.hint"));
            }
            throw new NoNewsException(t("news.noneInMonth", chosen, dir),
                    t("news.noneInMonth.hint", String.join(", ", months.stream().map(YearMonth::toString).toList())));
        }
        return new MonthOfNews(chosen, items, notices);
    }

    /** Every news file of the folder, read, in file name order. */
    private List<NewsFile.Reading> readings() {
        if (!Files.isDirectory(dir)) {
            throw new BulletinException(ExitCode.NO_INPUT, t("news.noFolder", dir), t("news.noFolder.hint"));
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(NewsFolder::isNewsFile).sorted().toList();
        } catch (IOException e) {
            throw new BulletinException(ExitCode.NO_INPUT, t("folder.unreadable", dir, e.getMessage()), null);
        }
        return files.stream().map(NewsFile::examine).toList();
    }

    /**
     * The problems that stop: those of the files that belong to {@code month} (every month when absent),
     * or whose month cannot be told. The others go to {@code notices}: a file that is no news item, a file of
     * another month, a draft (never sent, whatever is wrong with it). One notice per file: its first problem.
     */
    private static List<Problem> sortOut(List<NewsFile.Reading> readings, Optional<YearMonth> month,
                                         List<Problem> notices) {
        List<Problem> problems = new ArrayList<>();
        for (NewsFile.Reading reading : readings) {
            if (reading.problems().isEmpty()) {
                continue;
            }
            Problem first = reading.problems().get(0);
            boolean otherMonth = month.isPresent() && reading.month().isPresent()
                    && !reading.month().get().equals(month.get());
            if (reading.notAnItem()) {
                notices.add(Problem.wholeFile(reading.file(), t("news.notAnItem")));
            } else if (otherMonth) {
                notices.add(new Problem(reading.file(), first.line(),
                        t("news.otherMonth", first.message(), reading.month().get())));
            } else if (month.isPresent() && reading.draft()) {
                notices.add(new Problem(reading.file(), first.line(), t("news.brokenDraft", first.message())));
            } else {
                problems.addAll(reading.problems());
            }
        }
        return problems;
    }

    private void stopOnProblems(List<Problem> problems) {
        if (!problems.isEmpty()) {
            long badFiles = problems.stream().map(Problem::file).distinct().count();
            throw new BadDataException(Text.count((int) badFiles, "news.badFiles"), problems, t("news.badFiles.hint"));
        }
    }

    /**
     * Writes a new item's skeleton, {@code news/<date>-<place>.md} ({@code -2}, {@code -3} … when another
     * item of that place and day has the name), to be completed in an editor. Values are written as typed:
     * the front matter is read as written. An image outside the workspace is copied into
     * {@value #IMAGES}, the original left as it is.
     *
     * @param workspace the workspace's folder: relative image paths are found from the current folder, then
     *                  from it, and written relative to it
     */
    public Created create(Skeleton skeleton, Path workspace) {
        List<String> values = new ArrayList<>(List.of(skeleton.title(), skeleton.place()));
        skeleton.link().ifPresent(values::add);
        skeleton.summary().ifPresent(values::add);
        for (String value : values) {
            try {
                Addresses.requireSingleLine(value, t("news.value", value));
            } catch (InvalidAddressException e) {
                throw new BulletinException(ExitCode.USAGE, e.getMessage(), t("oneLine.hint"));
            }
        }
        String name = skeleton.date() + "-" + slug(skeleton.place());
        Path file = dir.resolve(name + ".md");
        for (int n = 2; Files.exists(file, LinkOption.NOFOLLOW_LINKS); n++) {
            file = dir.resolve(name + "-" + n + ".md");
        }
        String stem = file.getFileName().toString().replaceFirst("\\.md$", "");
        Optional<ImageValue> image = skeleton.image().map(given -> imageValue(given, workspace, stem));
        StringBuilder text = new StringBuilder("---\n")
                .append("title: ").append(written(skeleton.title())).append('\n')
                .append("place: ").append(written(skeleton.place())).append('\n')
                .append("date: ").append(skeleton.date()).append('\n')
                .append("summary:").append(skeleton.summary().map(summary -> " " + written(summary)).orElse(""))
                .append('\n');
        image.ifPresent(value -> text.append("image: ").append(written(value.written())).append('\n'));
        skeleton.link().ifPresent(link -> text.append("link: ").append(written(link)).append('\n'));
        text.append("---\n").append(Skeleton.BODY).append('\n');
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new BulletinException(ExitCode.CANNOT_CREATE, t("file.cannotWrite", dir, e.getMessage()),
                        t("file.cannotWrite.hint"));
            }
        }
        AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        return new Created(file, image.flatMap(ImageValue::copy));
    }

    /** An item's {@code image:} as written in its front matter, and the copy made for it, if one was. */
    private record ImageValue(String written, Optional<Path> copy) {
    }

    /**
     * The image a skeleton names: a file inside the workspace as its path from there; a file from elsewhere
     * (a phone's photo in Downloads) copied to {@value #IMAGES} under the item's own name.
     */
    private ImageValue imageValue(Path given, Path workspace, String stem) {
        Path file = given.isAbsolute() || Files.exists(given) ? given.toAbsolutePath() : workspace.resolve(given);
        if (!Files.isRegularFile(file)) {
            throw new BulletinException(ExitCode.NO_INPUT, t("news.imageNotFound", given), t("news.imageNotFound.hint"));
        }
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!List.of("png", "jpg", "jpeg", "gif", "webp").contains(extension)) {
            throw new BulletinException(ExitCode.DATA_ERROR, t("image.format", given), t("image.format.hint"));
        }
        Optional<Path> inside = ContainedFile.within(file, List.of(workspace));
        if (inside.isPresent()) {
            Path root = ContainedFile.within(workspace, List.of(workspace)).orElse(workspace);
            return new ImageValue(root.relativize(inside.get()).toString().replace('\\', '/'), Optional.empty());
        }
        Path images = workspace.resolve(IMAGES);
        Path copy = images.resolve(stem + "." + extension);
        try {
            Files.createDirectories(images);
            for (int n = 2; Files.exists(copy, LinkOption.NOFOLLOW_LINKS); n++) {
                copy = images.resolve(stem + "-" + n + "." + extension);
            }
            AtomicFile.write(copy, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new BulletinException(ExitCode.CANNOT_CREATE, t("file.cannotWrite", copy, e.getMessage()),
                    t("file.cannotWrite.hint"));
        }
        return new ImageValue(IMAGES + "/" + copy.getFileName(), Optional.of(copy));
    }

    /** "Ségou" → "segou": the file name of an item about a place. */
    static String slug(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "item" : slug;
    }

    /**
     * A value as the front matter reads it back: as typed, unless it starts with a quote (which the reader
     * would take for YAML quoting) or has spaces at either end; then in YAML's double quotes.
     */
    private static String written(String value) {
        boolean plain = !value.isEmpty() && value.equals(value.strip()) && value.charAt(0) != '"'
                && value.charAt(0) != '\'';
        return plain ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static boolean isNewsFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".md") && !name.startsWith(".") && !name.equalsIgnoreCase("README.md")
                && Files.isRegularFile(file);
    }
}
