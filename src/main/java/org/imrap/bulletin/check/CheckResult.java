package org.imrap.bulletin.check;

import java.util.Optional;
import org.imrap.bulletin.ExitCode;

/**
 * What the check found: the exit code {@code send} would give (OK when it would work), how many
 * warnings, and, when an inbox is configured, the exit code {@code inbox} would give.
 */
public record CheckResult(ExitCode send, int warnings, Optional<ExitCode> inbox) {
}
