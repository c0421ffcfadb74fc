package org.imrap.bulletin.inbox;

import java.util.Map;
import org.imrap.bulletin.config.Workspace;

/**
 * What the inbox run does.
 *
 * @param env the process environment (BULLETIN_INBOX_*, and BULLETIN_SMTP_* for the report to staff)
 */
public record InboxRequest(Workspace workspace, Mode mode, Map<String, String> env) {

    /** Whether the run changes anything, and who says so. */
    public enum Mode {
        /** Show what would be done; change nothing. */
        DRY_RUN,
        /** Show what would be done, ask the operator, and apply exactly what they confirmed. */
        CONFIRM,
        /** Apply without a question (--yes, as cron must). */
        APPLY
    }
}
