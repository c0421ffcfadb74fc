package org.imrap.bulletin.send;

import java.io.PrintStream;
import java.util.Optional;
import org.imrap.bulletin.BaseOperator;

/** The person (or cron job) running a send: what the send service may tell them and ask them. */
public interface Operator extends BaseOperator {
    /** Shows the plan of a send before anything is sent (or alone, for a dry run). */
    void plan(SendPlan plan);

    /** Asks whether to go ahead with the plan; only called when {@link #interactive()}. */
    boolean confirm(SendPlan plan);

    /** After each message: {@code done} of the {@code total} this run means to send. */
    void progress(int done, int total);

    /** The run report mailed to report.to: its subject and its text, in the operator's language. */
    RunReport report(SendSummary summary);

    /** Where to write the SMTP conversation with --debug-smtp, if asked. */
    Optional<PrintStream> smtpDebug();
}
