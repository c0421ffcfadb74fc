package org.imrap.bulletin.render;

import static org.imrap.bulletin.Text.t;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.io.ContainedFile;

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
    /** How long each template's text came out last time (with some room), to start its next text that long. */
    private final Map<String, Integer> lengths = new java.util.concurrent.ConcurrentHashMap<>();

    /** The templates in {@code dir}; a workspace without that folder is refused here, naming it (exit 66). */
    public Templates(Path dir) {
        if (!Files.isDirectory(dir)) {
            // Mustache.java would fail later with an unchecked "… does not exist" that names no way out.
            throw new TemplateException(ExitCode.NO_INPUT, t("templates.noFolder", dir), t("templates.noFolder.hint"));
        }
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

            /**
             * Every template and partial is read here, by its real path, which must lie in templates/
             * ({@link ContainedFile}): a partial linked to a file elsewhere is refused, not put into the message.
             */
            @Override
            public Reader getReader(String resourceName) {
                Path file = dir.resolve(resourceName);
                if (!Files.isRegularFile(file)) {
                    return super.getReader(resourceName);  // its MustacheNotFoundException names the partial
                }
                Path real = ContainedFile.realPath(file, ContainedFile.Use.TEMPLATE, List.of(dir));
                try {
                    return Files.newBufferedReader(real, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new TemplateException(ExitCode.NO_INPUT, t("file.cannotRead", file, e.getMessage()), null);
                }
            }

            /** Partials that render the same text for everyone (a news item) are rendered once: {@link RememberedPartial}. */
            @Override
            public MustacheVisitor createMustacheVisitor() {
                return RememberedPartial.visitor(this);
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

    /**
     * Renders {@code templates/<name>}, or {@code builtIn} — the template bulletin ships under that name — when
     * the workspace has no such file: a workspace made before bulletin had that template still works, and one
     * that has it renders its own.
     */
    public String render(String name, Escaping escaping, Map<String, ?> scope, String builtIn) {
        if (Files.isRegularFile(dir.resolve(name))) {
            return render(name, escaping, scope);
        }
        DefaultMustacheFactory factory = escaping == Escaping.HTML ? html : text;
        return execute(name, () -> factory.compile(new StringReader(builtIn), name), scope);
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
            TextWriter out = new TextWriter(lengths.getOrDefault(name, 1024));
            compile.get().execute(out, scope);
            lengths.put(name, out.length() + out.length() / 8);
            return out.text();
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

    /**
     * A writer into a char array that the thread keeps from one text to the next: each text is copied
     * once, into its String (a StringBuilder copies a French text four times: widened at its first
     * character beyond Latin-1, then tried narrow and copied again when made a String).
     */
    private static final class TextWriter extends Writer {
        private static final ThreadLocal<char[]> SPARE = new ThreadLocal<>();
        private char[] chars;
        private int length;

        /** Room for {@code expected} characters: the length of this template's last text, so it never grows. */
        TextWriter(int expected) {
            char[] spare = SPARE.get();
            SPARE.set(null);  // a text rendered meanwhile on this thread gets an array of its own
            chars = spare != null && spare.length >= expected ? spare : new char[expected];
        }

        int length() {
            return length;
        }

        private void room(int more) {
            if (length + more > chars.length) {
                chars = java.util.Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
            }
        }

        @Override
        public void write(char[] source, int offset, int count) {
            room(count);
            System.arraycopy(source, offset, chars, length, count);
            length += count;
        }

        @Override
        public void write(String string) {
            write(string, 0, string.length());
        }

        @Override
        public void write(String string, int offset, int count) {
            room(count);
            string.getChars(offset, offset + count, chars, length);
            length += count;
        }

        @Override
        public void write(int c) {
            room(1);
            chars[length++] = (char) c;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        /** The text; the array goes back to the thread for its next text. */
        String text() {
            String text = new String(chars, 0, length);
            SPARE.set(chars);
            return text;
        }
    }
}
