package org.imrap.bulletin.cli;

import picocli.CommandLine.Option;

/**
 * {@code --smtp-host HOST}: the SMTP server (else {@code BULLETIN_SMTP_HOST}, else {@code smtp.host});
 * {@code sandbox} is the embedded one. {@code send} sends through it; {@code journal} shows the journal
 * of what was sent through it, since the sandbox keeps a journal of its own.
 */
final class SmtpHostOption {
    @Option(names = "--smtp-host", paramLabel = "HOST")
    String host;
}
