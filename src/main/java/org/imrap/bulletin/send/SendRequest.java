package org.imrap.bulletin.send;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.config.Workspace;

/**
 * What to send, to whom, and how.
 *
 * @param testTo       with {@link SendMode#TEST}: the address the one test message goes to
 * @param limit        send at most this many messages in this run
 * @param campaign     the journal's name (default: the month, {@code 2022-08})
 * @param allowChanged send even though the bulletin changed since earlier sends in the campaign
 * @param retryFailed  send again to people whose last outcome was a permanent failure
 * @param confirmed    {@code --yes}: no question before a real send
 * @param smtp         SMTP settings given on the command line
 * @param env          the process environment (BULLETIN_SMTP_* variables)
 * @param debugSmtp    show the SMTP conversation (never the password)
 * @param attach       files to attach besides those of bulletin.properties
 * @param maxTime      stop cleanly once the run has lasted this long (before the next cron slot)
 */
public record SendRequest(Workspace workspace, Optional<YearMonth> month, Optional<List<String>> lists, SendMode mode,
                          Optional<String> testTo, OptionalInt limit, Optional<String> campaign, boolean allowChanged,
                          boolean retryFailed, boolean confirmed, SmtpSettings.Overrides smtp, Map<String, String> env, boolean debugSmtp,
                          List<java.nio.file.Path> attach, Optional<java.time.Duration> maxTime) {
}
