package org.imrap.bulletin.inbox;

import org.imrap.bulletin.BaseOperator;

/** The person (or cron job) running {@code inbox}: what the inbox service may tell them and ask them. */
public interface InboxOperator extends BaseOperator {
    /** Shows what a run would do and asks whether to apply it; only called when {@link #interactive()}. */
    boolean confirm(InboxSummary preview);

    /** The run report mailed to {@code report.to}: its subject and its text, in the operator's language. */
    RunReport report(InboxSummary summary);
}
