package org.imrap.bulletin.inbox;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.mail.Login;

/**
 * What the inbox run does.
 *
 * @param dryRun   show what it would do and change nothing
 * @param env      the process environment (BULLETIN_INBOX_*)
 * @param login    the mailbox password or OAuth2 access token, obtained once for a run and its confirmation
 * @param only     apply only to these messages (those a person confirmed), if given
 */
public record InboxRequest(Workspace workspace, boolean dryRun, Map<String, String> env, Optional<Login> login,
                           Optional<Set<String>> only) {
}
