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

    /** A line of information, for standard error. */
    void info(String line);

    /** After each message: {@code done} of the {@code total} this run means to send. */
    void progress(int done, int total);

    /** The run report mailed to report.to: its subject and its text, in the operator's language. */
    RunReport report(SendSummary summary);

    /** A run report's subject and text. */
    record RunReport(String subject, String text) {
    }

    void warning(String line);

    /** Where to write the SMTP conversation with --debug-smtp, if asked. */
    Optional<PrintStream> smtpDebug();
}
