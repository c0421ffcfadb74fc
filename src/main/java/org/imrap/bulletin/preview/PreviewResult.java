package org.imrap.bulletin.preview;

import java.nio.file.Path;
import java.time.YearMonth;
import org.imrap.bulletin.recipients.Recipient;

/** What a preview wrote: the HTML and text parts alone, and the complete message as an .eml file. */
public record PreviewResult(YearMonth month, int items, Recipient recipient, Path html, Path text, Path eml) {
}
