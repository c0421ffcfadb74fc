package org.imrap.bulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.reflect.ReflectionWrapper;
import com.github.mustachejava.util.Wrapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link FastMapLookup} and {@link RememberedPartial} assume of Mustache.java's insides, checked: after an
 * upgrade that breaks an assumption, a test here fails and says which, instead of templates rendering differently
 * (a partial remembered for the wrong person) or quietly slower (the fast paths no longer taken).
 */
class MustacheInternalsTest {
    private static final String FOUND = mustacheVersion();

    @TempDir
    Path dir;

    private static String mustacheVersion() {
        try (InputStream in = DefaultMustacheFactory.class.getResourceAsStream(
                "/META-INF/maven/com.github.spullara.mustache.java/compiler/pom.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }

    /** A failure's message: what broke, in which Mustache.java, against which the code was written. */
    private static String broken(String what, String where) {
        return "Mustache.java " + FOUND + " breaks what " + where + " assumes of Mustache.java "
                + FastMapLookup.WRITTEN_AGAINST + ": " + what;
    }

    /** A map that notes, for each key read, whether the read came through Java reflection. */
    private static final class RecordingMap extends HashMap<String, Object> {
        final List<String> reflective = new ArrayList<>();
        final List<String> direct = new ArrayList<>();

        RecordingMap(Map<String, ?> values) {
            super(values);
        }

        @Override
        public Object get(Object key) {
            // Between this read and the test that rendered (JUnit calls the test itself by reflection).
            boolean byReflection = StackWalker.getInstance(StackWalker.Option.SHOW_REFLECT_FRAMES)
                    .walk(frames -> frames.skip(1)
                            .takeWhile(frame -> !frame.getClassName().equals(MustacheInternalsTest.class.getName()))
                            .anyMatch(frame -> frame.getClassName().equals(Method.class.getName())));
            (byReflection ? reflective : direct).add(String.valueOf(key));
            return super.get(key);
        }
    }

    @Test
    @SuppressWarnings("deprecation")  // isAccessible is the flag setAccessible sets; canAccess would say true anyway
    void mustacheJavaReadsMapsThroughTheOneMapGetThatIsMadeAccessible() throws Exception {
        Method get = FastMapLookup.mapGet();
        String where = "FastMapLookup (its accessible Map.get)";

        assertThat(get).as(broken("ReflectionObjectHandler.MAP_METHOD is not Map.get(Object)", where))
                .isEqualTo(Map.class.getMethod("get", Object.class));
        assertThat(get.isAccessible()).as(broken("MAP_METHOD could not be made accessible", where)).isTrue();
        Wrapper wrapper = new StrictObjectHandler().find("link", Arrays.asList(Map.of("link", "x"), "a string"));
        assertThat(wrapper).as(broken("a name in a map, looked up past a string, is not read by a ReflectionWrapper", where))
                .isInstanceOf(ReflectionWrapper.class);
        assertThat(((ReflectionWrapper) wrapper).getMethod())
                .as(broken("its wrappers do not invoke ReflectionObjectHandler.MAP_METHOD itself, so making it accessible"
                        + " saves nothing", where))
                .isSameAs(get);
    }

    @Test
    void namesFoundThroughMapsAloneAreReadWithoutReflectionAndTheOthersThroughIt() {
        RecordingMap recipient = new RecordingMap(Map.of("name", "Awa"));
        RecordingMap scope = new RecordingMap(Map.of("recipient", recipient, "title", "Kangaba",
                "link", "https://imrap-mali.org"));
        Templates templates = new Templates(dir);
        String source = "{{recipient.name}} {{title}} {{#link}}{{link}}{{/link}}";
        String where = "FastMapLookup (names read from maps directly)";

        templates.renderString(source, "test", scope);  // Mustache.java's find reads a dotted name's way once
        recipient.reflective.clear();
        scope.reflective.clear();
        scope.direct.clear();
        for (int person = 0; person < 3; person++) {
            assertThat(templates.renderString(source, "test", scope)).isEqualTo("Awa Kangaba https://imrap-mali.org");
        }

        assertThat(recipient.reflective).as(broken("recipient.name, found through maps alone, was read by reflection:"
                + " the binding did not keep FastMapLookup.MapLookup", where)).isEmpty();
        assertThat(scope.reflective).as(broken("names found through maps alone were read by reflection", where))
                .doesNotContain("recipient", "title");
        assertThat(scope.direct).as(broken("the binding does not call the MapLookup it kept at each rendering", where))
                .filteredOn("title"::equals).hasSize(3);
        assertThat(scope.reflective).as(broken("{{link}} inside {{#link}} (a string's section) is no longer read through"
                + " Method.invoke: making Map.get accessible saves nothing", where)).contains("link");
    }

    private Map<String, Object> bulletin(List<BulletinRenderer.Item> items, String name) {
        return Map.of("items", items, "recipient", Map.of("name", name));
    }

    private static BulletinRenderer.Item item(String title, String place, String link) {
        BulletinRenderer.Item item = new BulletinRenderer.Item();
        item.put("title", title);
        item.put("place", place);
        item.put("link", link);
        return item;
    }

    private void writeTemplates() throws IOException {
        Files.writeString(dir.resolve("list.html.mustache"),
                "<ul>\n{{#items}}\n  {{> item.html}}\n  <li>{{> personal.html}}</li>\n{{/items}}\n</ul>\n");
        Files.writeString(dir.resolve("item.html.mustache"),
                "<h3>{{title}} & {{place}}</h3>\n{{#link}}<a href=\"{{link}}\">{{title}}</a>{{/link}}\n{{> place.html}}\n");
        Files.writeString(dir.resolve("place.html.mustache"), "  <p>{{place}}</p>\n");
        Files.writeString(dir.resolve("personal.html.mustache"), "{{title}} pour {{recipient.name}}");
    }

    /** Plain Mustache.java: its own visitor, partials and lookup, partial names as bulletin writes them. */
    private String plainMustache(Map<String, Object> scope) {
        DefaultMustacheFactory plain = new DefaultMustacheFactory(dir.toFile()) {
            @Override
            public String resolvePartialPath(String parentDir, String name, String extension) {
                return parentDir + (name.endsWith(extension) ? name : name + extension);
            }
        };
        plain.setObjectHandler(new ReflectionObjectHandler());
        StringWriter out = new StringWriter();
        plain.compile("list.html.mustache").execute(out, scope);
        return out.toString();
    }

    @Test
    void partialsRenderAsPlainMustacheJavaRendersThem() throws IOException {
        writeTemplates();
        List<BulletinRenderer.Item> items = List.of(item("Formation", "Kangaba", "https://imrap-mali.org/k"),
                item("Dialogue", "Ségou", ""));
        Templates templates = new Templates(dir);

        for (String name : List.of("Awa", "Moussa")) {
            Map<String, Object> scope = bulletin(items, name);
            assertThat(templates.render("list.html.mustache", Templates.Escaping.HTML, scope))
                    .as(broken("a partial renders otherwise than with Mustache.java's own PartialCode and lookup"
                            + " (DefaultMustacheVisitor.partial changed?)", "RememberedPartial or FastMapLookup"))
                    .isEqualTo(plainMustache(scope));
        }
    }

    @Test
    void aPartialOfOneItemIsRenderedOnceAndOneThatNamesThePersonEachTime() throws IOException {
        writeTemplates();
        BulletinRenderer.Item kangaba = item("Formation", "Kangaba", "");
        Templates templates = new Templates(dir);
        String where = "RememberedPartial";

        String forAwa = templates.render("list.html.mustache", Templates.Escaping.HTML, bulletin(List.of(kangaba), "Awa"));
        kangaba.put("place", "changé");  // items never change during a run: here it shows whether the text was made again
        String forMoussa = templates.render("list.html.mustache", Templates.Escaping.HTML,
                bulletin(List.of(kangaba), "Moussa"));

        assertThat(forAwa).contains("<h3>Formation & Kangaba</h3>", "<li>Formation pour Awa</li>");
        assertThat(forMoussa)
                .as(broken("the partial of one item was rendered again for the next person: PartialCode.executePartial"
                        + " is no longer called as it was, or its codes are no longer known", where))
                .contains("<h3>Formation & Kangaba</h3>")
                .as(broken("a partial that names the person was remembered and given to the next one: PartialCode's"
                        + " getCodes() no longer lists the partial's names", where))
                .contains("<li>Formation pour Moussa</li>").doesNotContain("pour Awa");
    }
}
