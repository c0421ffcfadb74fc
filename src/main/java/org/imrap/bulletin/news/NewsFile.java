package org.imrap.bulletin.news;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.address.Addresses;
import org.imrap.bulletin.address.InvalidAddressException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads one news file: a {@code ---} line, YAML front matter ({@code title}, {@code place},
 * {@code date}; optionally {@code link}, {@code image}, {@code summary}), a {@code ---} line, then
 * the Markdown body. Every problem found is reported with the file and its line.
 */
public final class NewsFile {
    static final List<String> REQUIRED = List.of("title", "place", "date");
    static final List<String> OPTIONAL = List.of("link", "image", "summary");
    private static final String FENCE = "---";
    /**
     * Front matter is a flat list of fields; snakeyaml's composer recurses once per level of nested
     * lists and mappings, so nesting past this is refused before composing.
     */
    static final int MAX_YAML_DEPTH = 10;
    /**
     * A news item is a few kilobytes of text. commonmark takes time that grows faster than the text on
     * some inputs (thousands of {@code <a }: 0.7 s for 60 KB, 5 s for 350 KB), so the size is bounded.
     */
    static final int MAX_BYTES = 64 * 1024;

    private final Path file;
    private final List<Problem> problems = new ArrayList<>();

    private NewsFile(Path file) {
        this.file = file;
    }

    /** The item, or empty with the reasons added to {@code problems}. */
    public static Optional<NewsItem> read(Path file, List<Problem> problems) {
        NewsFile reader = new NewsFile(file);
        Optional<NewsItem> item = reader.read();
        problems.addAll(reader.problems);
        return reader.problems.isEmpty() ? item : Optional.empty();
    }

    private Optional<NewsItem> read() {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
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
            return Optional.empty();
        }
        List<String> lines = text.get().replace("\uFEFF", "").lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals(FENCE)) {
            problems.add(new Problem(file, 1, t("news.noFrontMatter")));
            return Optional.empty();
        }
        int closing = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(FENCE)) {
                closing = i;
                break;
            }
        }
        if (closing < 0) {
            problems.add(new Problem(file, 1, t("news.unclosed")));
            return Optional.empty();
        }
        Map<String, Field> fields = frontMatter(String.join("\n", lines.subList(1, closing)));
        String body = String.join("\n", lines.subList(closing + 1, lines.size())).strip();
        if (fields == null) {
            return Optional.empty();
        }
        if (body.isEmpty()) {
            problems.add(new Problem(file, closing + 2, t("news.noText")));
        }
        int bodyLine = closing + 2;
        while (bodyLine <= lines.size() && lines.get(bodyLine - 1).isBlank()) {
            bodyLine++;
        }
        return item(fields, body, bodyLine);
    }

    private Optional<String> decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            problems.add(new Problem(file, line, t("news.notUtf8", String.format("%02X", bytes[offset] & 0xFF))));
            return Optional.empty();
        }
        decoder.flush(out);
        return Optional.of(out.flip().toString());
    }

    /** A front matter value and the file line it is on. */
    private record Field(String value, int line) {
    }

    private Map<String, Field> frontMatter(String yaml) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file.toString())
                // snakeyaml-engine 2.10 reads past its buffer when an emoji (a surrogate pair) straddles
                // the buffer's end: IndexOutOfBoundsException (fixed in 3.1.1). A buffer that holds the
                // whole front matter has no such end.
                .setBufferSize(yaml.length() + 1)
                .build();
        Node root;
        try {
            Optional<Mark> tooDeep = nestedPastLimit(settings, yaml);
            if (tooDeep.isPresent()) {
                problems.add(new Problem(file, fileLine(tooDeep.get()), t("news.yamlTooDeep", MAX_YAML_DEPTH)));
                return null;
            }
            root = new Compose(settings).composeString(yaml).orElse(null);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(mark -> fileLine(mark)).orElse(1);
            problems.add(new Problem(file, line, t("news.badYaml", e.getProblem())));
            return null;
        } catch (YamlEngineException e) {
            problems.add(new Problem(file, 1, t("news.badYaml", e.getMessage())));
            return null;
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add(new Problem(file, 2, t("news.notMapping")));
            return null;
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        Set<String> known = new java.util.HashSet<>(REQUIRED);
        known.addAll(OPTIONAL);
        for (NodeTuple tuple : mapping.getValue()) {
            int line = tuple.getKeyNode().getStartMark().map(this::fileLine).orElse(1);
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(new Problem(file, line, t("news.badKey")));
                continue;
            }
            String key = keyNode.getValue();
            if (!known.contains(key)) {
                problems.add(new Problem(file, line, t("news.unknownField", key,
                        String.join(", ", REQUIRED), String.join(", ", OPTIONAL))));
            } else if (fields.containsKey(key)) {
                problems.add(new Problem(file, line, t("news.twice", key, fields.get(key).line())));
            } else if (!(tuple.getValueNode() instanceof ScalarNode valueNode)) {
                problems.add(new Problem(file, line, t("news.notScalar", key)));
            } else {
                fields.put(key, new Field(valueNode.getValue().strip(), line));
            }
        }
        return fields;
    }

    /** Where lists and mappings first nest past the limit: snakeyaml's parser, unlike its composer, does not recurse. */
    private static Optional<Mark> nestedPastLimit(LoadSettings settings, String yaml) {
        int depth = 0;
        for (Event event : new Parse(settings).parseString(yaml)) {
            if (event instanceof CollectionStartEvent && ++depth > MAX_YAML_DEPTH) {
                return Optional.of(event.getStartMark().orElseThrow());
            }
            if (event instanceof CollectionEndEvent) {
                depth--;
            }
        }
        return Optional.empty();
    }

    private Optional<NewsItem> item(Map<String, Field> fields, String body, int bodyLine) {
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
        LocalDate date = null;
        Field dateField = fields.get("date");
        if (dateField != null && !dateField.value().isEmpty()) {
            try {
                date = LocalDate.parse(dateField.value());
            } catch (DateTimeParseException e) {
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
                value(fields, "link"), value(fields, "image"), value(fields, "summary"), text));
    }

    private static String value(Map<String, Field> fields, String key) {
        Field field = fields.get(key);
        return field == null || field.value().isEmpty() ? null : field.value();
    }

    /** Front matter starts on the file's second line; YAML marks count lines from 0. */
    private int fileLine(Mark mark) {
        return mark.getLine() + 2;
    }
}
