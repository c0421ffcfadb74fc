package org.imrap.bulletin.preview;

import java.time.YearMonth;
import java.util.List;
import org.imrap.bulletin.recipients.AudienceReport;
import org.imrap.bulletin.recipients.Recipient;

/**
 * A month's bulletin rendered for one person, in memory.
 *
 * @param standIn  true when there was nobody on the lists and it was rendered for the sender
 * @param html     the HTML part as a browser shows it from a file: local images point at their files
 * @param text     the text part
 * @param eml      the complete message as it is sent (RFC 5322), images and attachments inside
 * @param warnings about the message (e.g. images above the budget, HTML that Gmail clips)
 * @param newsNotices about news files: drafts shown, placeholder text left, files of other months or no items
 */
public record RenderedPreview(YearMonth month, int items, Recipient recipient, boolean standIn, AudienceReport audience,
                              String html, String text, byte[] eml, List<String> warnings,
                              List<org.imrap.bulletin.Problem> newsNotices) {
}
