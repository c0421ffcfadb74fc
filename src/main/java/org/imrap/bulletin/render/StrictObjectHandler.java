package org.imrap.bulletin.render;

import com.github.mustachejava.reflect.MissingWrapper;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.GuardException;
import com.github.mustachejava.util.Wrapper;
import java.util.List;
import java.util.Map;

/**
 * Looks up template variables like Mustache.java does, but a name that no data provides is an error
 * instead of a silent blank: a typo in a template must not send hundreds of emails with a hole in them.
 * Optional data is present with an empty value, so sections such as {@code {{#link}}} still work.
 *
 * <p>Every scope bulletin gives the templates is a map, and a name found through maps alone is looked
 * up in them directly ({@link MapLookup}) rather than through Mustache.java's guarded reflective call
 * of {@code Map.get}, which costs several times more for every name in every message.
 */
final class StrictObjectHandler extends ReflectionObjectHandler {
    static {
        // Names not found through maps alone still go through Map.get by reflection; made accessible,
        // each call skips finding its caller by walking the stack (Java 17).
        MAP_METHOD.setAccessible(true);
    }

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
        MapLookup direct = new MapLookup(name);
        try {
            direct.call(scopes);
            return direct;
        } catch (GuardException e) {
            return wrapper;  // not maps all the way: Mustache.java's own lookup
        }
    }

    /**
     * A name ({@code recipient.name}) looked up through maps only, with the result Mustache.java's
     * reflective lookup gives there: the innermost scope holding the first part, then each next part
     * in the value before it; a null scope is skipped, as there. Anything else — a scope that is not a
     * map, a value on the way that is null or not a map, a part not found, a key with a dot in it — is
     * left to Mustache.java: {@link GuardException} makes the binding look the name up its own way for
     * those scopes.
     */
    private final class MapLookup implements Wrapper {
        /** Thrown for every lookup it leaves to Mustache.java: made once, without a stack trace. */
        private static final GuardException NOT_MAPS = new GuardException("not maps all the way") {
            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        };

        private final String name;
        private final String[] parts;

        MapLookup(String name) {
            this.name = name;
            this.parts = name.split("\\.", -1);
        }

        @Override
        public Object call(List<Object> scopes) {
            for (int i = scopes.size() - 1; i >= 0; i--) {
                Object scope = scopes.get(i);
                if (scope == null) {
                    continue;
                }
                if (!(scope instanceof Map<?, ?> map) || (parts.length > 1 && map.containsKey(name))) {
                    throw NOT_MAPS;
                }
                if (map.containsKey(parts[0])) {
                    return follow(map.get(parts[0]));
                }
            }
            throw NOT_MAPS;
        }

        private Object follow(Object first) {
            Object value = first;
            for (int p = 1; p < parts.length; p++) {
                value = coerce(value);
                if (!(value instanceof Map<?, ?> map) || !map.containsKey(parts[p])) {
                    throw NOT_MAPS;
                }
                value = map.get(parts[p]);
            }
            return value;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof MapLookup lookup && lookup.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }
}
