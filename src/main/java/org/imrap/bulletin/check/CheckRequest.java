package org.imrap.bulletin.check;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.config.Passwords;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.config.Workspace;

/**
 * What to check: the workspace's settings with the same command-line overrides as {@code send}, the
 * environment (BULLETIN_* settings and passwords), who can be asked for a password, and the DKIM
 * selector to look up when the sender's provider uses one of its own; the clock OAuth2 tokens are
 * renewed by.
 */
public record CheckRequest(Workspace workspace, SmtpSettings.Overrides smtp, Map<String, String> env,
                           Passwords.Prompt prompt, Optional<String> dkimSelector, Clock clock) {

    /** A check on the system clock. */
    public CheckRequest(Workspace workspace, SmtpSettings.Overrides smtp, Map<String, String> env,
                        Passwords.Prompt prompt, Optional<String> dkimSelector) {
        this(workspace, smtp, env, prompt, dkimSelector, Clock.systemUTC());
    }
}
