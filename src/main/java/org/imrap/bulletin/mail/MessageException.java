package org.imrap.bulletin.mail;

import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * A message that cannot be made: a value or a file it needs is missing or cannot go into it, or Jakarta
 * Mail refused what was built. What went wrong ({@link Kind}) decides the exit code, here and nowhere
 * else in {@code mail}'s message building.
 */
public final class MessageException extends BulletinException {
    /** What went wrong, and so the exit code (sysexits.h) a command ends with. */
    public enum Kind {
        /** A file a message carries (an image, an attachment) is not there or cannot be read: 66. */
        MISSING_FILE(ExitCode.NO_INPUT),
        /** A value or a file cannot go into a message as it is (a line break in a name, an image without alt text, an attachment too large): 65. */
        BAD_DATA(ExitCode.DATA_ERROR),
        /** Jakarta Mail refused a message bulletin built: a bug, 70. */
        INTERNAL(ExitCode.SOFTWARE);

        private final ExitCode exitCode;

        Kind(ExitCode exitCode) {
            this.exitCode = exitCode;
        }
    }

    private final Kind kind;

    public MessageException(Kind kind, String message, String hint) {
        this(kind, message, hint, null);
    }

    public MessageException(Kind kind, String message, String hint, Throwable cause) {
        super(kind.exitCode, message, hint, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
