package org.imrap.bulletin.inbox;

import java.util.Map;
import org.imrap.bulletin.config.Workspace;

/**
 * What the inbox run does.
 *
 * @param dryRun show what it would do and change nothing
 * @param env    the process environment (BULLETIN_INBOX_* and the password)
 */
public record InboxRequest(Workspace workspace, boolean dryRun, Map<String, String> env) {
}
