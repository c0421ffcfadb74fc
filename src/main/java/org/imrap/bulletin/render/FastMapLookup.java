package org.imrap.bulletin.render;

import com.github.mustachejava.ObjectHandler;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.GuardException;
import com.github.mustachejava.util.Wrapper;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * How bulletin reads a template's names faster than Mustache.java's reflective lookup does, in the one class
 * that leans on how Mustache.java works inside rather than on its API. Written against Mustache.java
 * {@value #WRITTEN_AGAINST} ({@code mustache.version} in pom.xml); {@code MustacheInternalsTest} fails, naming the
 * assumption, when an upgrade breaks one, rather than letting templates render differently or quietly slower.
 *
 * <ul>
 * <li>{@link #preferred}: a name found through maps alone ({@code recipient.name}) is read from them directly
 *     ({@link MapLookup}). Assumed: {@code GuardedBinding} keeps the wrapper its object handler's {@code find}
 *     returned and calls it at every rendering, and a {@link GuardException} thrown by that call makes it try its
 *     other wrappers, then {@code find} again.</li>
 * <li>The other names (those inside a section over a string, such as {@code {{#link}}…{{link}}…{{/link}}})
 *     go through Mustache.java's reflective {@code Map.get}: the one {@link Method} object in
 *     {@code ReflectionObjectHandler.MAP_METHOD} that each of its map wrappers invokes. It is made accessible here,
 *     so that each call skips the access check that finds its caller by walking the stack (Java 17).</li>
 * </ul>
 *
 * <p>What each saved is in docs/performance.md.
 */
final class FastMapLookup {
    /** The Mustache.java release whose internals this class was written against. */
    static final String WRITTEN_AGAINST = "0.9.14";

    private static final Method MAP_GET = MapMethod.MAP_GET;

    static {
        MAP_GET.setAccessible(true);
    }

    private FastMapLookup() {
    }

    /** {@code ReflectionObjectHandler.MAP_METHOD}, a protected field: read through a subclass. */
    private static final class MapMethod extends ReflectionObjectHandler {
        static final Method MAP_GET = MAP_METHOD;
    }

    /** The {@code Map.get} Mustache.java invokes by reflection, made accessible. */
    static Method mapGet() {
        return MAP_GET;
    }

    /**
     * The wrapper for {@code name} that the binding should keep: a {@link MapLookup} when the name is found through
     * maps alone in {@code scopes}, else {@code mustacheWay}, what Mustache.java's {@code find} gave.
     */
    static Wrapper preferred(String name, List<Object> scopes, Wrapper mustacheWay, ObjectHandler handler) {
        MapLookup direct = MapLookup.of(name, handler);
        try {
            direct.call(scopes);
            return direct;
        } catch (GuardException e) {
            return mustacheWay;  // not maps all the way: Mustache.java's own lookup
        }
    }

    /**
     * A name ({@code recipient.name}) looked up through maps only, with the result Mustache.java's
     * reflective lookup gives there: the innermost scope holding the first part, then each next part
     * in the value before it; a null scope is skipped, as there. Anything else — a scope that is not a
     * map, a value on the way that is null or not a map, a part not found, a key with a dot in it — is
     * left to Mustache.java: {@link GuardException} makes the binding look the name up its own way for
     * those scopes. Equal for an equal name (within a binding, the handler is always the same), so that a
     * binding keeps one for each name.
     *
     * @param parts the name's parts between dots
     */
    record MapLookup(String name, List<String> parts, ObjectHandler handler) implements Wrapper {
        /** Thrown for every lookup it leaves to Mustache.java: made once, without a stack trace. */
        private static final GuardException NOT_MAPS = new GuardException("not maps all the way") {
            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        };

        static MapLookup of(String name, ObjectHandler handler) {
            return new MapLookup(name, List.of(name.split("\\.", -1)), handler);
        }

        @Override
        public Object call(List<Object> scopes) {
            for (int i = scopes.size() - 1; i >= 0; i--) {
                Object scope = scopes.get(i);
                if (scope == null) {
                    continue;
                }
                if (!(scope instanceof Map<?, ?> map) || (parts.size() > 1 && map.containsKey(name))) {
                    throw NOT_MAPS;
                }
                if (map.containsKey(parts.get(0))) {
                    return follow(map.get(parts.get(0)));
                }
            }
            throw NOT_MAPS;
        }

        private Object follow(Object first) {
            Object value = first;
            for (int p = 1; p < parts.size(); p++) {
                value = handler.coerce(value);
                if (!(value instanceof Map<?, ?> map) || !map.containsKey(parts.get(p))) {
                    throw NOT_MAPS;
                }
                value = map.get(parts.get(p));
            }
            return value;
        }
    }
}
