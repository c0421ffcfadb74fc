package org.imrap.bulletin.news;

import static org.imrap.bulletin.Text.t;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.imrap.bulletin.Problem;

/**
 * Reads a news item's front matter the way a person types it: one {@code name: value} line per
 * field, where only the first colon ends the name and the rest of the line is the value, exactly as
 * written — {@code title: Réunion : les femmes de Kidal}, {@code summary: #paix « Kidal »},
 * {@code summary: *Nouveau*} are text, not YAML syntax. What YAML writers do is honoured where it
 * cannot mean anything else: a value wrapped in quotes ({@code "…"} with YAML's escapes, {@code '…'}
 * with {@code ''}) loses its quotes, an indented line continues the field above it (also after
 * {@code >} or {@code |}), a line starting with {@code #} is a comment. Nothing nests, so nothing
 * here recurses, whatever the file holds.
 */
final class FrontMatter {
    /** A field name: a plain word. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    /** YAML's block scalar headers: the value is on the indented lines that follow. */
    private static final Pattern BLOCK = Pattern.compile("[|>][+-]?[1-9]?[+-]?");
    /** A field is one line of a bulletin: far below this. Bounds what one value can make a template print. */
    static final int MAX_VALUE_CHARS = 2000;

    /** A front matter value and the file line its field starts on. */
    record Field(String value, int line) {
    }

    private final Path file;
    private final List<Problem> problems;
    private final List<String> known;

    /**
     * @param known    the field names a news item has
     * @param problems where every problem found is added, with its file line
     */
    FrontMatter(Path file, List<String> known, List<Problem> problems) {
        this.file = file;
        this.known = List.copyOf(known);
        this.problems = problems;
    }

    /**
     * The fields of {@code lines}, the front matter between the two {@code ---} lines, the first of them
     * being line {@code firstLine} of the file.
     */
    Map<String, Field> read(List<String> lines, int firstLine) {
        Map<String, Field> fields = new LinkedHashMap<>();
        String name = null;        // the field the next indented line continues, if any
        StringBuilder value = null;
        int line = 0;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            int number = firstLine + i;
            if (text.isBlank()) {
                continue;
            }
            if (Character.isWhitespace(text.charAt(0))) {
                if (value == null) {
                    problems.add(new Problem(file, number, t("news.strayIndent", shortened(text.strip()))));
                } else {
                    value.append(value.length() == 0 ? "" : " ").append(text.strip());
                }
                continue;
            }
            if (name != null) {
                put(fields, name, value.toString(), line);
            }
            name = null;
            value = null;
            if (text.startsWith("#")) {
                continue;
            }
            int colon = text.indexOf(':');
            String key = colon < 0 ? "" : text.substring(0, colon).strip();
            if (!NAME.matcher(key).matches()) {
                problems.add(new Problem(file, number, t("news.notAField", shortened(text.strip()), String.join(", ", known))));
                // An unindented line that is no field may continue the one above: say so once, and read on.
                continue;
            }
            name = key.toLowerCase(Locale.ROOT);
            line = number;
            String rest = text.substring(colon + 1).strip();
            value = new StringBuilder(BLOCK.matcher(rest).matches() ? "" : rest);
        }
        if (name != null) {
            put(fields, name, value.toString(), line);
        }
        return fields;
    }

    /** A line as a message quotes it: the first 60 characters. */
    private static String shortened(String line) {
        if (line.length() <= 60) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(58)) ? 58 : 59;  // never half an emoji
        return line.substring(0, end) + "…";
    }

    private void put(Map<String, Field> fields, String name, String written, int line) {
        if (!known.contains(name)) {
            problems.add(new Problem(file, line, t("news.unknownField", name,
                    String.join(", ", NewsFile.REQUIRED), String.join(", ", NewsFile.OPTIONAL))));
            return;
        }
        if (fields.containsKey(name)) {
            problems.add(new Problem(file, line, t("news.twice", name, fields.get(name).line())));
            return;
        }
        if (written.length() > MAX_VALUE_CHARS) {
            problems.add(new Problem(file, line, t("news.valueTooLong", name, written.length(), MAX_VALUE_CHARS)));
            fields.put(name, new Field(written, line));
            return;
        }
        // A value that cannot be read is reported once: kept as written, it is not also "missing".
        fields.put(name, new Field(unquoted(written, line).orElse(written).strip(), line));
    }

    /**
     * The value without the quotes around it when the writer used YAML's quoting, else as written; empty
     * (with a problem) when it is quoted but holds an escape YAML does not know.
     */
    private Optional<String> unquoted(String written, int line) {
        if (written.length() >= 2 && written.charAt(0) == '\'' && written.endsWith("'")) {
            String inside = written.substring(1, written.length() - 1);
            // '' is one apostrophe; a lone one means the quotes were part of the text.
            return Optional.of(inside.replace("''", "").contains("'") ? written : inside.replace("''", "'"));
        }
        if (written.length() >= 2 && written.charAt(0) == '"' && written.endsWith("\"")) {
            return doubleQuoted(written, line);
        }
        return Optional.of(written);
    }

    /** A YAML double-quoted scalar (YAML 1.2 §5.7, §7.3.1); written as it is when a bare {@code "} shows the quotes are text. */
    private Optional<String> doubleQuoted(String written, int line) {
        StringBuilder out = new StringBuilder(written.length());
        int end = written.length() - 1;
        for (int i = 1; i < end; i++) {
            char c = written.charAt(i);
            if (c == '"') {
                return Optional.of(written);  // "Paix" et "justice": quotes in the text, not around it
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= end) {
                return Optional.of(written);  // "…\" : the last quote is escaped, so nothing closes the first
            }
            char escape = written.charAt(++i);
            int hexDigits = switch (escape) {
                case 'x' -> 2;
                case 'u' -> 4;
                case 'U' -> 8;
                default -> 0;
            };
            if (hexDigits > 0) {
                String hex = i + hexDigits < end ? written.substring(i + 1, i + 1 + hexDigits) : "";
                int codePoint = hex.matches("[0-9A-Fa-f]{" + hexDigits + "}") ? (int) Long.parseLong(hex, 16) : -1;
                if (codePoint < 0 || !Character.isValidCodePoint(codePoint)) {
                    problems.add(new Problem(file, line, t("news.badEscape", "\\" + escape + hex)));
                    return Optional.empty();
                }
                out.appendCodePoint(codePoint);
                i += hexDigits;
                continue;
            }
            String decoded = switch (escape) {
                case '0' -> "\0";
                case 'a' -> "\u0007";
                case 'b' -> "\b";
                case 't', '\t' -> "\t";
                case 'n' -> "\n";
                case 'v' -> "\u000B";
                case 'f' -> "\f";
                case 'r' -> "\r";
                case 'e' -> "\u001B";
                case ' ' -> " ";
                case '"' -> "\"";
                case '/' -> "/";
                case '\\' -> "\\";
                case 'N' -> "\u0085";
                case '_' -> "\u00A0";
                case 'L' -> "\u2028";
                case 'P' -> "\u2029";
                default -> null;
            };
            if (decoded == null) {
                problems.add(new Problem(file, line, t("news.badEscape", "\\" + escape)));
                return Optional.empty();
            }
            out.append(decoded);
        }
        return Optional.of(out.toString());
    }
}
