package org.imrap.bulletin.archive;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The archive's Atom feed (RFC 4287): one entry per bulletin, newest first. Its dates are the content's — a
 * bulletin is as new as its latest news item — never the clock's, so the same archive gives the same bytes.
 * Links are relative: a reader resolves them against the feed's own address (RFC 4287 §2, xml:base absent).
 */
final class AtomFeed {
    /**
     * One bulletin.
     *
     * @param id      a permanent IRI (§4.2.6)
     * @param updated the date of its latest news item
     * @param href    its page, relative to the feed
     * @param summary one line per news item
     */
    record Entry(String id, String title, LocalDate updated, String href, String summary) {
    }

    private AtomFeed() {
    }

    /**
     * A permanent, opaque id for {@code name} within {@code identity} (the list's id or the sender's domain): a
     * name-based UUID (RFC 4122 §4.3) as a URN, the same at every run and whatever the archive's address.
     */
    static String id(String identity, String name) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("bulletin:" + identity + ":" + name).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The feed document, in UTF-8.
     *
     * @param home the archive's index page, relative to the feed
     */
    static byte[] write(String id, String title, String author, String authorUri, String home, String self,
                        List<Entry> entries) {
        LocalDate updated = entries.stream().map(Entry::updated).max(LocalDate::compareTo)
                .orElseThrow(() -> new IllegalArgumentException("a feed of no bulletin"));
        StringBuilder xml = new StringBuilder(1024);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        xml.append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">\n");
        element(xml, "  ", "id", id);
        element(xml, "  ", "title", title);
        element(xml, "  ", "updated", dateTime(updated));
        xml.append("  <author>\n");
        element(xml, "    ", "name", author);
        if (authorUri != null) {
            element(xml, "    ", "uri", authorUri);
        }
        xml.append("  </author>\n");
        link(xml, "  ", "alternate", "text/html", home);
        link(xml, "  ", "self", "application/atom+xml", self);
        for (Entry entry : entries) {
            xml.append("  <entry>\n");
            element(xml, "    ", "id", entry.id());
            element(xml, "    ", "title", entry.title());
            element(xml, "    ", "updated", dateTime(entry.updated()));
            link(xml, "    ", "alternate", "text/html", entry.href());
            xml.append("    <summary type=\"text\">").append(escape(entry.summary())).append("</summary>\n");
            xml.append("  </entry>\n");
        }
        xml.append("</feed>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A Date construct (§3.3): an RFC 3339 date-time; a bulletin's dates are days, taken at midnight UTC. */
    private static String dateTime(LocalDate date) {
        return date + "T00:00:00Z";
    }

    private static void element(StringBuilder xml, String indent, String name, String text) {
        xml.append(indent).append('<').append(name).append('>').append(escape(text)).append("</").append(name)
                .append(">\n");
    }

    private static void link(StringBuilder xml, String indent, String rel, String type, String href) {
        xml.append(indent).append("<link rel=\"").append(rel).append("\" type=\"").append(type).append("\" href=\"")
                .append(escape(href)).append("\"/>\n");
    }

    /**
     * Text as XML 1.0 character data or an attribute value: the five special characters as entities, and every
     * character XML 1.0 forbids (control characters, lone surrogates, U+FFFE, U+FFFF; §2.2 Char) as U+FFFD, since
     * no escape can carry them.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    boolean allowed = c == 0x9 || c == 0xA || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    out.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        });
        return out.toString();
    }
}
