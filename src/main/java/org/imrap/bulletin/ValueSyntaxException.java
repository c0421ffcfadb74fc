package org.imrap.bulletin;

/**
 * A value a person wrote (a setting, an environment variable, an option) that is not in the grammar it
 * needs, or not in the range allowed. It says only what was wrong with the text: the caller, who knows
 * where the text came from, turns it into a {@link BulletinException} naming the file and line or the option.
 */
public final class ValueSyntaxException extends IllegalArgumentException {
    public ValueSyntaxException(String text) {
        super(Printable.escape(text));
    }
}
