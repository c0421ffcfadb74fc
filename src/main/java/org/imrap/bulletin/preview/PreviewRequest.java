package org.imrap.bulletin.preview;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.config.Workspace;

/**
 * What to preview.
 *
 * @param month     the month of news, or empty for the latest month that has items
 * @param lists     the lists to address (every list when empty)
 * @param recipient the address to render for, or empty for the first person of the first list
 * @param outDir    where to write the files
 * @param attach    files to attach besides those of bulletin.properties
 */
public record PreviewRequest(Workspace workspace, Optional<YearMonth> month, Optional<List<String>> lists,
                             Optional<String> recipient, Path outDir, List<Path> attach) {
}
