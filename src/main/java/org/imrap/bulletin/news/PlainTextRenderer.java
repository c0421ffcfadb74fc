package org.imrap.bulletin.news;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;

/**
 * Markdown to the plain-text part of an email: paragraphs wrapped at {@value #WIDTH} characters,
 * blank lines between blocks, and every link kept as its URL ({@code text <url>}) so that a reader
 * of the text part loses nothing.
 */
final class PlainTextRenderer {
    static final int WIDTH = 76;

    private PlainTextRenderer() {
    }

    static String render(Node document) {
        List<String> blocks = new ArrayList<>();
        for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
            blocks.add(block(block, WIDTH));
        }
        return String.join("\n\n", blocks);
    }

    private static String block(Node node, int width) {
        if (node instanceof Paragraph || node instanceof Heading) {
            return String.join("\n", wrap(inline(node), width));
        }
        if (node instanceof BulletList || node instanceof OrderedList) {
            return list(node, width);
        }
        if (node instanceof BlockQuote) {
            List<String> lines = new ArrayList<>();
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                block(child, width - 2).lines().forEach(line -> lines.add("> " + line));
            }
            return String.join("\n", lines);
        }
        if (node instanceof FencedCodeBlock code) {
            return code.getLiteral().stripTrailing();
        }
        if (node instanceof IndentedCodeBlock code) {
            return code.getLiteral().stripTrailing();
        }
        if (node instanceof HtmlBlock html) {
            return html.getLiteral().stripTrailing();
        }
        if (node instanceof ThematicBreak) {
            return "-".repeat(20);
        }
        return inline(node);
    }

    private static String list(Node list, int width) {
        List<String> lines = new ArrayList<>();
        int number = list instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null
                ? ordered.getMarkerStartNumber() : 1;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            String marker = list instanceof OrderedList ? (number++) + ". " : "- ";
            String indent = " ".repeat(marker.length());
            boolean first = true;
            for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
                for (String line : block(child, width - marker.length()).split("\n", -1)) {
                    lines.add((first ? marker : indent) + line);
                    first = false;
                }
            }
        }
        return String.join("\n", lines);
    }

    private static String inline(Node parent) {
        StringBuilder out = new StringBuilder();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Text text) {
                out.append(text.getLiteral());
            } else if (node instanceof Code code) {
                out.append(code.getLiteral());
            } else if (node instanceof SoftLineBreak) {
                out.append(' ');
            } else if (node instanceof HardLineBreak) {
                out.append('\n');
            } else if (node instanceof HtmlInline html) {
                out.append(html.getLiteral());
            } else if (node instanceof Link link) {
                String label = inline(link);
                String url = link.getDestination();
                out.append(label.isBlank() || label.equals(url) ? "<" + url + ">" : label + " <" + url + ">");
            } else if (node instanceof Image image) {
                String alt = inline(image);
                out.append(alt.isBlank() ? "[image]" : "[" + alt + "]");
            } else {
                out.append(inline(node));
            }
        }
        return out.toString();
    }

    /**
     * Rewraps each line of {@code text} to at most {@code width} characters where words allow (a URL
     * longer than the width keeps a line of its own). French punctuation that follows a space
     * ({@code ? ! : ; »}) stays with the word before it, {@code «} with the word after it, and a
     * line that starts with a list marker ({@code * } or {@code - }) continues indented under its text.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String sourceLine : text.split("\n", -1)) {
            String marker = sourceLine.matches("^[*-] .*") ? sourceLine.substring(0, 2) : "";
            String indent = " ".repeat(marker.length());
            StringBuilder line = new StringBuilder(marker);
            boolean lineHasWord = false;
            for (String word : words(sourceLine.substring(marker.length()))) {
                if (lineHasWord && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(indent);
                    lineHasWord = false;
                }
                if (lineHasWord) {
                    line.append(' ');
                }
                line.append(word);
                lineHasWord = true;
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** The words of a line, with French spaced punctuation kept on the word it belongs to. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        boolean glueNext = false;
        for (String token : line.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            int last = words.size() - 1;
            if (last >= 0 && (glueNext || token.matches("[?!:;»%]+[.,]?"))) {
                words.set(last, words.get(last) + " " + token);
            } else {
                words.add(token);
            }
            glueNext = token.equals("«");
        }
        return words;
    }
}
