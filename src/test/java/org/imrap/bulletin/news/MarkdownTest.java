package org.imrap.bulletin.news;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void htmlEscapesRawMarkupAndDropsUnsafeLinks() {
        MarkdownText text = Markdown.render("<script>alert(1)</script>\n\n[x](javascript:alert(1)) & <b>gras</b>");

        assertThat(text.html()).doesNotContain("<script>", "javascript:", "<b>")
                .contains("&lt;script&gt;", "&amp;");
    }

    @Test
    void textKeepsEveryLinkUrlAndSeparatesParagraphs() {
        MarkdownText text = Markdown.render("Voir [le site](https://www.imrap-mali.org) et <https://example.org>.\n\n"
                + "- un\n- deux\n\n1. premier\n2. second");

        assertThat(text.text()).isEqualTo("""
                Voir le site <https://www.imrap-mali.org> et <https://example.org>.

                - un
                - deux

                1. premier
                2. second""");
    }

    @Test
    void textWrapsAtSeventySixAndKeepsFrenchPunctuationWithItsWord() {
        String sentence = "quels résultats le projet a apporté ? en quoi le projet a permis ce changement, "
                + "individuel, collectif, communautaire et associatif ? « vestibule de la paix »";
        String text = Markdown.render(sentence).text();

        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(text.lines()).noneSatisfy(line -> assertThat(line).matches("^[?!:;»].*"));
        assertThat(text.lines()).noneSatisfy(line -> assertThat(line).endsWith("«"));
        assertThat(text.replace('\n', ' ').replace('\u00A0', ' ')).isEqualTo(sentence);
    }

    @Test
    void aWordLongerThanTheWidthKeepsALineOfItsOwn() {
        String url = "https://www.linkedin.com/company/institut-malien-de-recherche-action-pour-la-paix/posts/";
        assertThat(Markdown.wrap("Lien : " + url + " fin", 40)).containsExactly("Lien :", url, "fin");
    }
}
