package org.imrap.bulletin.news;

/** A Markdown text with its two renderings: HTML for the HTML part, wrapped text for the text part. */
public record MarkdownText(String markdown, String html, String text) {
}
