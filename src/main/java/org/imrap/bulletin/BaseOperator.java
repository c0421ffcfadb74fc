package org.imrap.bulletin;

import java.util.Optional;

/**
 * Whoever runs a service — a person at a terminal, or cron: what every service may tell them and ask
 * them. A service never speaks to the console itself; each adds what it needs ({@code send.Operator},
 * {@code inbox.InboxOperator}) and the command line implements them all in one class.
 */
public interface BaseOperator {
    /** True when a person is at a terminal who can answer questions. */
    boolean interactive();

    /** Reads a password without echo; only called when {@link #interactive()}. */
    Optional<char[]> password(String prompt);

    /** A password typed by the person, when there is one to ask (a {@code config.Passwords.Prompt}). */
    default Optional<char[]> passwordIfInteractive(String prompt) {
        return interactive() ? password(prompt) : Optional.empty();
    }

    /** A line of information, for standard error. */
    void info(String line);

    void warning(String line);

    /** A run report's subject and text, as mailed to {@code report.to}. */
    record RunReport(String subject, String text) {
    }
}
