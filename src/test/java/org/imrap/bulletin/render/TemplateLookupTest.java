package org.imrap.bulletin.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a name in a template finds its value: through maps directly, and through anything else the way
 * Mustache.java does; the same answers either way, and a name no data provides is an error.
 */
class TemplateLookupTest {
    @TempDir
    Path dir;

    private String render(String source, Map<String, ?> scope) {
        return new Templates(dir).renderString(source, "test", scope);
    }

    @Test
    void dottedNamesGoThroughNestedMaps() {
        Map<String, Object> scope = Map.of("organisation", Map.of("address", Map.of("city", "Bamako")));

        assertThat(render("{{organisation.address.city}}", scope)).isEqualTo("Bamako");
    }

    @Test
    void theInnermostScopeHoldingTheNameWins() {
        Map<String, Object> scope = Map.of("name", "IMRAP",
                "items", List.of(Map.of("name", "Kangaba"), Map.of("place", "Ségou")));

        assertThat(render("{{#items}}[{{name}}]{{/items}}", scope)).isEqualTo("[Kangaba][IMRAP]");
    }

    @Test
    void aNullIsAnEmptySectionButNothingCanBeFoundInsideIt() {
        Map<String, Object> scope = new HashMap<>();
        scope.put("link", null);
        Map<String, Object> withLink = Map.of("link", Map.of("href", "https://imrap-mali.org"));
        Templates templates = new Templates(dir);

        assertThat(render("<{{link}}>{{#link}}never{{/link}}", scope)).isEqualTo("<>");
        assertThat(templates.renderString("{{link.href}}", "test", withLink)).isEqualTo("https://imrap-mali.org");
        assertThatThrownBy(() -> templates.renderString("{{link.href}}", "test", scope))
                .as("the same template, once looked up through maps").hasMessageContaining("{{link.href}}");
    }

    @Test
    void aDottedNameWhoseMiddlePartAnInnerScopeLacksIsLookedForFurtherOut() {
        Map<String, Object> scope = Map.of("a", Map.of("b", Map.of("c", "outer")),
                "inner", Map.of("a", Map.of("x", "y")));

        assertThat(render("{{#inner}}{{a.b.c}}{{/inner}}", scope)).isEqualTo("outer");
    }

    @Test
    void aKeyWithADotInItIsFoundWhole() {
        Map<String, Object> scope = Map.of("a.b", "whole", "a", Map.of("b", "parts"));

        assertThat(render("{{a.b}}", scope)).isEqualTo("whole");
    }

    @Test
    void valuesThatAreNotMapsAreLookedUpAsMustacheJavaDoes() {
        Map<String, Object> scope = Map.of("items", List.of("a", "b", "c"),
                "words", Arrays.asList(Map.of("length", "as a key"), "Ségou"));

        assertThat(render("{{items.size}}", scope)).isEqualTo("3");
        assertThat(render("{{#words}}{{length}};{{/words}}", scope))
                .as("the same place in the template, given a map and then a string").isEqualTo("as a key;5;");
    }

    @Test
    void aNameNoDataProvidesIsAnErrorWhereverItIsMissing() {
        Map<String, Object> scope = Map.of("recipient", Map.of("name", "Awa"));

        assertThatThrownBy(() -> render("{{recipient.nmae}}", scope)).hasMessageContaining("{{recipient.nmae}}");
        assertThatThrownBy(() -> render("{{recipeint.name}}", scope)).hasMessageContaining("{{recipeint.name}}");
        assertThatThrownBy(() -> render("{{#recipient}}{{email}}{{/recipient}}", scope))
                .hasMessageContaining("{{email}}");
    }

    @Test
    void aNameMissingForOnePersonOnlyIsStillAnError() {
        String source = "{{#people}}{{recipient.name}},{{/people}}";
        Map<String, Object> scope = Map.of("people", List.of(
                Map.of("recipient", Map.of("name", "Awa")), Map.of("recipient", Map.of("email", "x@example.org"))));

        assertThatThrownBy(() -> render(source, scope)).hasMessageContaining("{{recipient.name}}");
    }
}
