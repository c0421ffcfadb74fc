package org.imrap.bulletin.preview;

import java.nio.file.Path;
import java.time.YearMonth;
import org.imrap.bulletin.recipients.AudienceReport;
import org.imrap.bulletin.recipients.Recipient;

/**
 * What a preview wrote — the HTML and text parts alone, and the complete message as an .eml file —
 * for whom, and whom the chosen lists reach.
 *
 * @param standIn  true when there was nobody on the lists and the preview was rendered for the sender
 * @param warnings about the message (e.g. images above the budget)
 * @param newsNotices about news files: drafts shown, placeholder text left, files of other months or no items
 */
public record PreviewResult(YearMonth month, int items, Recipient recipient, boolean standIn, AudienceReport audience,
                            Path html, Path text, Path eml, java.util.List<String> warnings,
                            java.util.List<org.imrap.bulletin.Problem> newsNotices) {
}
