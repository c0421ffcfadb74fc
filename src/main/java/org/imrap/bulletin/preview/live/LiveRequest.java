package org.imrap.bulletin.preview.live;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.config.Workspace;

/**
 * What the live preview serves, and where.
 *
 * @param month     the month of news, or empty for the latest month that has items (looked at again on every change)
 * @param lists     the lists whose people the menu offers (every list when empty)
 * @param recipient the person shown first, or empty for the first person of the first list
 * @param attach    files to attach besides those of bulletin.properties
 * @param port      the port on 127.0.0.1, or 0 for any free one
 */
public record LiveRequest(Workspace workspace, Optional<YearMonth> month, Optional<List<String>> lists,
                          Optional<String> recipient, List<Path> attach, int port) {
    public LiveRequest {
        attach = List.copyOf(attach);
    }
}
