package org.imrap.bulletin.render;

import com.github.mustachejava.reflect.MissingWrapper;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.Wrapper;
import java.util.List;

/**
 * Looks up template variables like Mustache.java does, but a name that no data provides is an error
 * instead of a silent blank: a typo in a template must not send hundreds of emails with a hole in them.
 * Optional data is present with an empty value, so sections such as {@code {{#link}}} still work. A name
 * Mustache.java finds is then read the faster way {@link FastMapLookup} picks.
 *
 * <p>Written against Mustache.java {@value FastMapLookup#WRITTEN_AGAINST}, whose {@code find} answers a name
 * that no scope has with a {@link MissingWrapper} ({@code TemplateLookupTest} fails when that changes).
 */
final class StrictObjectHandler extends ReflectionObjectHandler {
    /** Thrown while rendering; {@link Templates} turns it into a message naming the template and line. */
    static final class MissingVariable extends RuntimeException {
        final String name;

        MissingVariable(String name) {
            super("no data provides '" + name + "'");
            this.name = name;
        }
    }

    @Override
    public Wrapper find(String name, List<Object> scopes) {
        Wrapper wrapper = super.find(name, scopes);
        if (wrapper instanceof MissingWrapper) {
            throw new MissingVariable(name);
        }
        return FastMapLookup.preferred(name, scopes, wrapper, this);
    }
}
