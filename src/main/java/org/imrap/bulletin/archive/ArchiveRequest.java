package org.imrap.bulletin.archive;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Optional;
import org.imrap.bulletin.config.Workspace;

/**
 * What {@code bulletin archive} is asked.
 *
 * @param outDir where the site is written ({@code out/site/} by default)
 * @param month  a month to publish besides those sent ({@code --month}): before its send, so that its
 *               "Voir en ligne" link works from the first message
 */
public record ArchiveRequest(Workspace workspace, Path outDir, Optional<YearMonth> month) {
}
