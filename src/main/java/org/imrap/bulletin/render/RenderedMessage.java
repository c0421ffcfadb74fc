package org.imrap.bulletin.render;

/** A bulletin rendered for one person: what goes into the subject and the two alternative parts. */
public record RenderedMessage(String subject, String html, String text) {
}
