package org.imrap.bulletin.render;

import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/** A template that cannot be used: missing, not valid Mustache, or asking for data that does not exist. */
public class TemplateException extends BulletinException {
    public TemplateException(ExitCode exitCode, String message, String hint) {
        super(exitCode, message, hint);
    }
}
