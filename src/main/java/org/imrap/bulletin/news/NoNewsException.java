package org.imrap.bulletin.news;

import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/** The news folder has no item for the month asked for (or none at all): exit 66, naming the month and the folder. */
public final class NoNewsException extends BulletinException {
    public NoNewsException(String message, String hint) {
        super(ExitCode.NO_INPUT, message, hint);
    }
}
