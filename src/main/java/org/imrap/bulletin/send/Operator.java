package org.imrap.bulletin.send;

import java.io.PrintStream;
import java.util.Optional;

/** The person (or cron job) running a send: what the send service may tell them and ask them. */
public interface Operator {
    /** True when a person is at a terminal who can answer questions. */
    boolean interactive();

    /** Shows the plan of a send before anything is sent (or alone, for a dry run). */
    void plan(SendPlan plan);

    /** Asks whether to go ahead with the plan; only called when {@link #interactive()}. */
    boolean confirm(SendPlan plan);

    /** Reads a password without echo; only called when {@link #interactive()}. */
    Optional<char[]> password(String prompt);

    /** A line of progress or of the plan, for standard error. */
    void info(String line);

    void warning(String line);

    /** Where to write the SMTP conversation with --debug-smtp, if asked. */
    Optional<PrintStream> smtpDebug();
}
