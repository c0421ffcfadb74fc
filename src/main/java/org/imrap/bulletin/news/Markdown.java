package org.imrap.bulletin.news;

import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders news bodies. HTML: CommonMark, with raw HTML escaped (news text is not trusted to carry
 * markup into an email) and unsafe link schemes dropped; paragraphs carry inline styles because
 * several mail clients drop style sheets. Text: see {@link PlainTextRenderer}.
 *
 * <p>A text nested deeper than {@value #MAX_DEPTH} levels (quotes, lists, emphasis, links and images
 * inside one another) is refused with {@link TooDeep}: commonmark and both renderers recurse once per
 * level, and real news never goes past a handful.
 */
public final class Markdown {
    static final String PARAGRAPH_STYLE = "margin:0 0 12px 0;";
    static final int MAX_DEPTH = 100;

    /** Past {@value #MAX_DEPTH} open blocks, the parser reads further {@code >} or list markers as text. */
    private static final Parser PARSER = Parser.builder()
            .maxOpenBlockParsers(MAX_DEPTH)
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                if (node instanceof Paragraph) {
                    attributes.put("style", PARAGRAPH_STYLE);
                }
            })
            .build();

    private Markdown() {
    }

    /**
     * The HTML and text renderings of a Markdown text.
     *
     * @throws TooDeep if the text nests deeper than {@value #MAX_DEPTH} levels
     */
    public static MarkdownText render(String markdown) {
        int line = inlineNestingPastLimit(markdown);
        if (line > 0) {
            throw new TooDeep(line);
        }
        Node document;
        try {
            document = PARSER.parse(frenchSpacing(markdown));
        } catch (StackOverflowError e) {
            // The estimate above can be fooled (brackets inside code spans, for one), and commonmark's
            // inline parser then recurses past a small stack. Only this call is guarded; it leaves no
            // state behind (each parse has a parser of its own), and the tree is measured after it.
            throw new TooDeep(0);
        }
        requireDepthAtMostLimit(document);
        return new MarkdownText(markdown, HTML.render(document).strip(), PlainTextRenderer.render(document));
    }

    /** A Markdown text nested deeper than {@value #MAX_DEPTH} levels, at a line of the text (0 if unknown). */
    public static final class TooDeep extends RuntimeException {
        private final int line;

        TooDeep(int line) {
            super("Markdown nested more than " + MAX_DEPTH + " levels deep", null, false, false);
            this.line = line;
        }

        /** The line of the text (1-based) where the nesting passes the limit; 0 if unknown. */
        public int line() {
            return line;
        }

        public int limit() {
            return MAX_DEPTH;
        }
    }

    /**
     * The line where emphasis, links and images could nest past the limit, or 0: inline nesting makes
     * commonmark's parser itself recurse, so it is estimated before parsing. Within a paragraph (blank
     * lines end one), each {@code [} and each {@code *} or {@code _} that opens (a run followed by a
     * non-space, not preceded by one) counts one level up; each {@code ]} and each closing run one down.
     */
    static int inlineNestingPastLimit(String text) {
        int open = 0;
        int line = 1;
        boolean blank = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                open = blank ? 0 : open;
                blank = true;
                line++;
                continue;
            }
            blank &= Character.isWhitespace(c);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                i++;
            } else if (c == '[') {
                open++;
            } else if (c == ']') {
                open = Math.max(0, open - 1);
            } else if (c == '*' || c == '_') {
                int end = i;
                while (end < text.length() && text.charAt(end) == c) {
                    end++;
                }
                boolean opens = end < text.length() && !Character.isWhitespace(text.charAt(end));
                boolean closes = i > 0 && !Character.isWhitespace(text.charAt(i - 1));
                if (opens && !closes) {
                    open += end - i;
                } else if (closes && !opens) {
                    open = Math.max(0, open - (end - i));
                }
                i = end - 1;
            }
            if (open > MAX_DEPTH) {
                return line;
            }
        }
        return 0;
    }

    /** Walks the tree without recursion; fails at the first node deeper than the limit. */
    private static void requireDepthAtMostLimit(Node document) {
        Node node = document;
        int depth = 0;
        while (true) {
            if (depth > MAX_DEPTH) {
                throw new TooDeep(lineOf(node));
            }
            if (node.getFirstChild() != null) {
                node = node.getFirstChild();
                depth++;
                continue;
            }
            while (node != document && node.getNext() == null) {
                node = node.getParent();
                depth--;
            }
            if (node == document) {
                return;
            }
            node = node.getNext();
        }
    }

    /** The line of the nearest block that holds {@code node} (inline nodes carry no position). */
    private static int lineOf(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            List<SourceSpan> spans = at.getSourceSpans();
            if (!spans.isEmpty()) {
                return spans.get(0).getLineIndex() + 1;
            }
        }
        return 0;
    }

    /**
     * French puts a space before {@code ? ! : ; »} and after {@code «}; making it a no-break space
     * keeps the sign on the line of its word, in a browser as in the wrapped text.
     */
    static String frenchSpacing(String text) {
        return text.replaceAll("(?<=\\S) (?=[?!:;»](\\s|$|[.,]))", "\u00A0").replace("« ", "«\u00A0");
    }

    /** Words of a text, rewrapped to lines of at most {@code width} characters where words allow. */
    public static List<String> wrap(String text, int width) {
        return PlainTextRenderer.wrap(text, width);
    }
}
