package org.imrap.bulletin.news;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.address.Addresses;
import org.imrap.bulletin.address.InvalidAddressException;
import org.imrap.bulletin.io.MalformedTextException;
import org.imrap.bulletin.io.StrictText;
import org.imrap.bulletin.news.FrontMatter.Field;

/**
 * Reads one news file: a {@code ---} line, the front matter ({@code title}, {@code place},
 * {@code date}; optionally {@code link}, {@code image}, {@code summary}, {@code draft}) as
 * {@code name: value} lines read as written ({@link FrontMatter}), a {@code ---} line, then the
 * Markdown body. Every problem found is reported with the file and its line.
 */
public final class NewsFile {
    static final List<String> REQUIRED = List.of("title", "place", "date");
    static final List<String> OPTIONAL = List.of("link", "image", "summary", "draft");
    private static final String FENCE = "---";
    /**
     * A news item is a few kilobytes of text. commonmark takes time that grows faster than the text on
     * some inputs (thousands of {@code <a }: 0.7 s for 60 KB, 5 s for 350 KB), so the size is bounded.
     */
    static final int MAX_BYTES = 64 * 1024;
    /** 2022-08-20, 2022-8-5; 20/08/2022, 20.08.2022, 20-08-2022 as French writers also type it. */
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern FRENCH_DATE = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})");
    /** The date a file name starts with, as {@code news new} names files: 2022-08-20-kangaba.md. */
    private static final Pattern NAME_MONTH = Pattern.compile("(\\d{4})-(\\d{2})(?:-\\d{2})?(?:[^0-9].*)?");

    /**
     * What reading one file found.
     *
     * @param item        the item, when the file is one without problems
     * @param problems    what is wrong, each with its line; empty when there is an item
     * @param month       the month the file belongs to: its {@code date}, else the date its name starts
     *                    with; empty when neither says
     * @param frontMatter whether the file starts with a front matter ({@code ---}), or may: false only for a
     *                    file seen to start otherwise
     * @param draft       whether its front matter says {@code draft: true}, even if something else is wrong
     */
    public record Reading(Path file, Optional<NewsItem> item, List<Problem> problems, Optional<YearMonth> month,
                          boolean frontMatter, boolean draft) {
        public Reading {
            problems = List.copyOf(problems);
        }

        /**
         * A file that is no news item, to be left out with a warning: no front matter, and no date in its
         * name to say it was meant as one (notes.md, a to-do list).
         */
        public boolean notAnItem() {
            return !frontMatter && month.isEmpty();
        }
    }

    private final Path file;
    private final List<Problem> problems = new ArrayList<>();
    private boolean frontMatter = true;
    private boolean draft;
    private LocalDate date;

    private NewsFile(Path file) {
        this.file = file;
    }

    /** The item, or empty with the reasons added to {@code problems}. */
    public static Optional<NewsItem> read(Path file, List<Problem> problems) {
        Reading reading = examine(file);
        problems.addAll(reading.problems());
        return reading.item();
    }

    /** Reads the file, and says what it is when it is no usable item. */
    public static Reading examine(Path file) {
        NewsFile reader = new NewsFile(file);
        Optional<NewsItem> item = reader.read();
        reader.problems.sort(java.util.Comparator.comparingInt(Problem::line));  // as the writer reads the file
        Optional<YearMonth> month = Optional.ofNullable(reader.date).map(YearMonth::from)
                .or(() -> monthOfName(file));
        return new Reading(file, reader.problems.isEmpty() ? item : Optional.empty(), reader.problems, month,
                reader.frontMatter, reader.draft);
    }

    private static Optional<YearMonth> monthOfName(Path file) {
        Matcher name = NAME_MONTH.matcher(file.getFileName().toString());
        if (name.matches()) {
            try {
                return Optional.of(YearMonth.of(Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2))));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Optional<NewsItem> read() {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                try (java.io.InputStream in = Files.newInputStream(file)) {
                    frontMatter = startsWithFence(in.readNBytes(256));
                }
                problems.add(Problem.wholeFile(file, t("news.tooLarge", (size + 1023) / 1024, MAX_BYTES / 1024)));
                return Optional.empty();
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(Problem.wholeFile(file, t("file.unreadable", e.getMessage())));
            return Optional.empty();
        }
        Optional<String> text = decodeUtf8(bytes);
        if (text.isEmpty()) {
            frontMatter = startsWithFence(bytes);  // notes saved in Windows-1252 are still no news item
            return Optional.empty();
        }
        List<String> lines = text.get().replace("\uFEFF", "").lines().toList();
        int opening = 0;
        while (opening < lines.size() && lines.get(opening).isBlank()) {
            opening++;
        }
        if (opening == lines.size() || !lines.get(opening).strip().equals(FENCE)) {
            frontMatter = false;
            problems.add(new Problem(file, 1, t("news.noFrontMatter")));
            return Optional.empty();
        }
        int closing = -1;
        for (int i = opening + 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(FENCE)) {
                closing = i;
                break;
            }
        }
        if (closing < 0) {
            problems.add(new Problem(file, opening + 1, t("news.unclosed")));
            return Optional.empty();
        }
        List<String> known = Stream.concat(REQUIRED.stream(), OPTIONAL.stream()).toList();
        Map<String, Field> fields = new FrontMatter(file, known, problems)
                .read(lines.subList(opening + 1, closing), opening + 2);
        String body = String.join("\n", lines.subList(closing + 1, lines.size())).strip();
        if (body.isEmpty()) {
            problems.add(new Problem(file, closing + 2, t("news.noText")));
        }
        int bodyLine = closing + 2;
        while (bodyLine <= lines.size() && lines.get(bodyLine - 1).isBlank()) {
            bodyLine++;
        }
        return item(fields, body, bodyLine, lines);
    }

    /** Whether the first line that is not blank (a byte-order mark aside) is {@code ---}, read as ASCII. */
    private static boolean startsWithFence(byte[] head) {
        String start = new String(head, StandardCharsets.ISO_8859_1).replace("\u00EF\u00BB\u00BF", "").stripLeading();
        return start.startsWith(FENCE) && (start.length() == 3 || start.substring(3).lines().findFirst().orElse("").isBlank());
    }

    private Optional<String> decodeUtf8(byte[] bytes) {
        try {
            return Optional.of(StrictText.decode(file, bytes));
        } catch (MalformedTextException e) {
            problems.add(new Problem(file, e.line(), t("news.notUtf8", e.badByte(), e.column())));
            return Optional.empty();
        }
    }

    private Optional<NewsItem> item(Map<String, Field> fields, String body, int bodyLine, List<String> lines) {
        Field draftField = fields.get("draft");
        if (draftField != null) {
            switch (draftField.value().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "oui", "vrai" -> draft = true;
                case "false", "no", "non", "faux", "" -> draft = false;
                default -> problems.add(new Problem(file, draftField.line(), t("news.badDraft", draftField.value())));
            }
        }
        for (String key : REQUIRED) {
            Field field = fields.get(key);
            if (field == null || field.value().isEmpty()) {
                problems.add(new Problem(file, field == null ? 1 : field.line(),
                        t(field == null ? "news.missingField" : "news.emptyField", key)));
            }
        }
        fields.forEach((key, field) -> {
            try {
                Addresses.requireSingleLine(field.value(), t("news.fieldName", key));
            } catch (InvalidAddressException e) {
                problems.add(new Problem(file, field.line(), e.getMessage()));
            }
        });
        Field dateField = fields.get("date");
        if (dateField != null && !dateField.value().isEmpty()) {
            date = date(dateField.value()).orElse(null);
            if (date == null) {
                problems.add(new Problem(file, dateField.line(), t("news.badDate", dateField.value())));
            }
        }
        Field link = fields.get("link");
        if (link != null && !link.value().matches("(?i)https?://\\S+")) {
            problems.add(new Problem(file, link.line(), t("news.badLink", link.value())));
        }
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        MarkdownText text;
        try {
            text = Markdown.render(body);
        } catch (Markdown.TooDeep e) {
            int line = e.line() > 0 ? bodyLine + e.line() - 1 : 0;
            problems.add(new Problem(file, line, t("news.tooDeep", e.limit())));
            return Optional.empty();
        }
        return Optional.of(new NewsItem(file, value(fields, "title"), value(fields, "place"), date,
                value(fields, "link"), value(fields, "image"), value(fields, "summary"), text, draft,
                placeholder(fields, lines)));
    }

    /** The date as written: 2022-08-20 (or 2022-8-20), or the day first as in France: 20/08/2022. */
    static Optional<LocalDate> date(String written) {
        Matcher iso = ISO_DATE.matcher(written);
        Matcher french = FRENCH_DATE.matcher(written);
        try {
            if (iso.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3))));
            }
            if (french.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(french.group(3)), Integer.parseInt(french.group(2)),
                        Integer.parseInt(french.group(1))));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The first line that still holds the placeholder text of {@code news new}'s skeleton, if any. */
    private static OptionalInt placeholder(Map<String, Field> fields, List<String> lines) {
        for (Field field : fields.values()) {
            if (Skeleton.isPlaceholder(field.value())) {
                return OptionalInt.of(field.line());
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            if (Skeleton.isPlaceholder(lines.get(i))) {
                return OptionalInt.of(i + 1);
            }
        }
        return OptionalInt.empty();
    }

    private static String value(Map<String, Field> fields, String key) {
        Field field = fields.get(key);
        return field == null || field.value().isEmpty() ? null : field.value();
    }
}
