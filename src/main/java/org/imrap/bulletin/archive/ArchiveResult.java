package org.imrap.bulletin.archive;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.imrap.bulletin.Problem;

/**
 * What {@code bulletin archive} did.
 *
 * @param months    the bulletins in the archive, newest first
 * @param written   files written because they are new or changed
 * @param unchanged files left as they were: the same bytes
 * @param removed   files and folders an earlier run wrote that are no longer in the archive
 * @param notices   about news files: drafts left out, files of other months that cannot be used
 * @param warnings  months sent whose page could not be made again (their folder is left as it was)
 */
public record ArchiveResult(Path outDir, List<YearMonth> months, List<Path> written, List<Path> unchanged,
                            List<Path> removed, List<Problem> notices, List<String> warnings) {
    public ArchiveResult {
        months = List.copyOf(months);
        written = List.copyOf(written);
        unchanged = List.copyOf(unchanged);
        removed = List.copyOf(removed);
        notices = List.copyOf(notices);
        warnings = List.copyOf(warnings);
    }
}
