package org.imrap.bulletin.news;

import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders news bodies. HTML: CommonMark, with raw HTML escaped (news text is not trusted to carry
 * markup into an email) and unsafe link schemes dropped; paragraphs carry inline styles because
 * several mail clients drop style sheets. Text: see {@link PlainTextRenderer}.
 */
public final class Markdown {
    static final String PARAGRAPH_STYLE = "margin:0 0 12px 0;";

    private static final Parser PARSER = Parser.builder().build();
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

    public static MarkdownText render(String markdown) {
        Node document = PARSER.parse(frenchSpacing(markdown));
        return new MarkdownText(markdown, HTML.render(document).strip(), PlainTextRenderer.render(document));
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
