package org.imrap.bulletin;

import java.util.Optional;

/**
 * The root of every error bulletin reports to its user: it carries the exit code, a message that
 * names what is wrong (file and line, or host), and the next thing to try.
 */
public class BulletinException extends RuntimeException {
    private final ExitCode exitCode;
    private final String hint;

    public BulletinException(ExitCode exitCode, String message, String hint) {
        this(exitCode, message, hint, null);
    }

    public BulletinException(ExitCode exitCode, String message, String hint, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** What the user could do next, if there is something useful to say. */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
