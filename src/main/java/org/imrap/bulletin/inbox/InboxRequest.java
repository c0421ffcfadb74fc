package org.imrap.bulletin.inbox;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.imrap.bulletin.config.Workspace;

/**
 * What the inbox run does.
 *
 * @param dryRun   show what it would do and change nothing
 * @param env      the process environment (BULLETIN_INBOX_*)
 * @param password the mailbox password, obtained once (see {@link InboxService#password})
 * @param only     apply only to these messages (those a person confirmed), if given
 */
public record InboxRequest(Workspace workspace, boolean dryRun, Map<String, String> env, Optional<char[]> password,
                           Optional<Set<String>> only) {
}
