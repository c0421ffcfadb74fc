package org.imrap.bulletin.render;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.CommentCode;
import com.github.mustachejava.codes.ExtendCode;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.PartialCode;
import com.github.mustachejava.codes.ValueCode;
import com.github.mustachejava.codes.WriteCode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partial such as {@code {{> item.html}}} that renders the same text for everyone, rendered once.
 * Inside {@code {{#items}}} the partial is given one news item ({@link BulletinRenderer.Item}), the
 * same object for every person, and if every name the partial uses is a key of that item, its text
 * can depend on nothing else: it is remembered for that item and written again for the next person.
 * A partial that uses any other name (the person's, the footer's) is rendered each time, as are
 * template features whose dependencies are not plain names (lambdas, inheritance) and partials that
 * include themselves.
 *
 * <p>Written against Mustache.java {@value FastMapLookup#WRITTEN_AGAINST}: it overrides {@code PartialCode}'s
 * protected {@code executePartial}, reads its {@code isRecursive} and {@code getCodes()} (the partial's compiled
 * codes, once it has run), and repeats what {@code DefaultMustacheVisitor.partial} does. {@code MustacheInternalsTest}
 * fails, saying which, when an upgrade changes one of these.
 */
final class RememberedPartial extends PartialCode {
    /** Items remembered per partial; beyond that (scopes that are not shared items), it renders each time. */
    private static final int MAX_REMEMBERED = 256;

    private final Map<Object, String> texts = new IdentityHashMap<>();
    /** Found to use more than an item's own names: rendered each time from then on. */
    private volatile boolean personal;

    private RememberedPartial(TemplateContext tc, DefaultMustacheFactory factory, String variable) {
        super(tc, factory, variable);
    }

    /** Mustache.java's visitor, with every partial made a {@link RememberedPartial}. */
    static MustacheVisitor visitor(DefaultMustacheFactory factory) {
        return new DefaultMustacheVisitor(factory) {
            @Override
            public void partial(TemplateContext tc, String variable, String indent) {
                // As DefaultMustacheVisitor.partial does.
                TemplateContext partialContext = new TemplateContext("{{", "}}", tc.file(), tc.line(), tc.startOfLine());
                list.add(new RememberedPartial(partialContext, df, variable));
            }
        };
    }

    @Override
    protected Writer executePartial(Writer writer, List<Object> scopes) {
        Object item = scopes.get(scopes.size() - 1);
        if (personal || !(item instanceof BulletinRenderer.Item keys)) {
            return super.executePartial(writer, scopes);
        }
        String text;
        synchronized (texts) {
            text = texts.get(item);
        }
        if (text == null) {
            if (isRecursive || !usesOnly(keys, getCodes())) {
                personal = true;
                return super.executePartial(writer, scopes);
            }
            StringWriter rendered = new StringWriter();
            super.executePartial(rendered, scopes);
            text = rendered.toString();
            synchronized (texts) {
                if (texts.size() < MAX_REMEMBERED) {
                    texts.put(item, text);
                }
            }
        }
        try {
            writer.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer;
    }

    /** True if these codes (and the partials they include) use no name but keys of {@code item}. */
    private static boolean usesOnly(Map<?, ?> item, Code[] codes) {
        if (codes == null) {
            return true;
        }
        for (Code code : codes) {
            if (code instanceof WriteCode || code instanceof CommentCode
                    || (code.getName() == null && code.getCodes() == null)) {
                continue;  // text, comments, the end of a template
            }
            boolean partial = code instanceof PartialCode && !(code instanceof ExtendCode);
            boolean named = code instanceof ValueCode || code instanceof IterableCode;  // {{x}}, {{#x}}, {{^x}}
            if (!partial && !named) {
                return false;  // inheritance, dynamic partials: their dependencies are not plain names
            }
            if (named) {
                String name = firstName(code.getName());
                if (!item.containsKey(name) || item.get(name) instanceof java.util.function.Function<?, ?>) {
                    return false;  // another scope's name, or a lambda
                }
            }
            if (!usesOnly(item, code.getCodes())) {
                return false;
            }
        }
        return true;
    }

    private static String firstName(String name) {
        int dot = name == null ? -1 : name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
