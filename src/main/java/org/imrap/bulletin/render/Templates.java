package org.imrap.bulletin.render;

import static org.imrap.bulletin.Text.t;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.TemplateContext;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.imrap.bulletin.ExitCode;

/**
 * The Mustache templates of a workspace's {@code templates/} folder. HTML templates escape what
 * they insert; text templates (the plain-text part, the subject) insert it as it is. Partials are
 * named with their kind, {@code {{> footer.html}}} for {@code footer.html.mustache}.
 */
public final class Templates {
    /** How inserted values are written. */
    public enum Escaping { HTML, NONE }

    private final Path dir;
    private final DefaultMustacheFactory html;
    private final DefaultMustacheFactory text;
    /** Compiled once, rendered for every person: files by name (the factories keep them), strings here. */
    private final Map<String, Mustache> strings = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> found = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Templates(Path dir) {
        this.dir = dir;
        this.html = factory(dir, Escaping.HTML);
        this.text = factory(dir, Escaping.NONE);
    }

    private static DefaultMustacheFactory factory(Path dir, Escaping escaping) {
        DefaultMustacheFactory factory = new DefaultMustacheFactory(dir.toFile()) {
            /** {@code {{> footer.html}}} names {@code footer.html.mustache}: the dot does not make it a file name. */
            @Override
            public String resolvePartialPath(String parentDir, String name, String extension) {
                return parentDir + (name.endsWith(extension) ? name : name + extension);
            }

            @Override
            public void encode(String value, Writer writer) {
                if (escaping == Escaping.HTML) {
                    super.encode(value, writer);
                    return;
                }
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new MustacheException(e);
                }
            }
        };
        factory.setObjectHandler(new StrictObjectHandler());
        return factory;
    }

    /** Renders {@code templates/<name>} (e.g. {@code bulletin.html.mustache}) with {@code scope}. */
    public String render(String name, Escaping escaping, Map<String, ?> scope) {
        if (!found.contains(name) && !Files.isRegularFile(dir.resolve(name))) {
            throw new TemplateException(ExitCode.NO_INPUT, t("template.notFound", dir.resolve(name)),
                    t("template.notFound.hint"));
        }
        found.add(name);
        DefaultMustacheFactory factory = escaping == Escaping.HTML ? html : text;
        return execute(name, () -> factory.compile(name), scope);
    }

    /** Renders a template given as a string, such as the subject from bulletin.properties, without escaping. */
    public String renderString(String source, String origin, Map<String, ?> scope) {
        return execute(origin, () -> {
            Mustache compiled = strings.get(origin + "\n" + source);
            if (compiled == null) {
                compiled = text.compile(new StringReader(source), origin);
                strings.put(origin + "\n" + source, compiled);
            }
            return compiled;
        }, scope);
    }

    private String execute(String name, java.util.function.Supplier<Mustache> compile, Map<String, ?> scope) {
        try {
            TextWriter out = new TextWriter();
            compile.get().execute(out, scope);
            return out.toString();
        } catch (MustacheNotFoundException e) {
            throw new TemplateException(ExitCode.NO_INPUT, t("template.partial", name, e.getMessage().replace("Template ", "").replace(" not found", "")),
                    t("template.partial.hint", dir, "{{> …}}"));
        } catch (MustacheException | StrictObjectHandler.MissingVariable e) {
            throw describe(name, e);
        }
    }

    private TemplateException describe(String name, RuntimeException e) {
        TemplateContext context = null;
        StrictObjectHandler.MissingVariable missing = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MustacheException mustache && mustache.getContext() != null && context == null) {
                context = mustache.getContext();
            }
            if (t instanceof StrictObjectHandler.MissingVariable variable) {
                missing = variable;
            }
        }
        String where = context != null ? dir.resolve(context.file()) + ":" + context.line() : name;
        if (missing != null) {
            return new TemplateException(ExitCode.DATA_ERROR,
                    t("template.missing", where, "{{" + missing.name + "}}"), t("template.missing.hint"));
        }
        String message = e.getMessage().replaceAll("\\s*@\\[.*?\\]", "");
        return new TemplateException(ExitCode.DATA_ERROR, t("template.syntax", where, message),
                t("template.syntax.hint", "{{#section}}", "{{/section}}", "}}"));
    }

    /** A {@link java.io.StringWriter} without its lock: one thread renders one message. */
    private static final class TextWriter extends Writer {
        private final StringBuilder text = new StringBuilder(8192);

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String string) {
            text.append(string);
        }

        @Override
        public void write(String string, int offset, int length) {
            text.append(string, offset, offset + length);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
