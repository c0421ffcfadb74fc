package org.imrap.bulletin.cli;

import org.imrap.bulletin.config.Security;
import org.imrap.bulletin.config.SmtpSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --smtp-host}, {@code --smtp-port}, {@code --smtp-security}, {@code --smtp-username}: the SMTP
 * server for this run, over {@code BULLETIN_SMTP_*} and {@code smtp.*} ({@code send}, {@code check}).
 */
final class SmtpOptions {
    @Mixin
    SmtpHostOption host;

    @Option(names = "--smtp-port", paramLabel = "PORT")
    Integer port;

    @Option(names = "--smtp-security", paramLabel = "MODE")
    Security security;

    @Option(names = "--smtp-username", paramLabel = "USER")
    String username;

    SmtpSettings.Overrides overrides() {
        return new SmtpSettings.Overrides(host.host, port, security, username);
    }
}
