package org.imrap.bulletin.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.SampleWorkspace;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.news.MonthOfNews;
import org.imrap.bulletin.news.NewsFolder;
import org.imrap.bulletin.recipients.Recipient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulletinRendererTest {
    private static final Recipient AWA = new Recipient("awa.traore@example.org", "Awa Traoré", "partners",
            Map.of("organisation", "ONG Kènè"));

    @TempDir
    Path dir;
    Workspace workspace;

    @BeforeEach
    void copySample() {
        workspace = SampleWorkspace.copyTo(dir);
    }

    private RenderedMessage render() {
        MonthOfNews news = new NewsFolder(workspace.newsDir()).select(Optional.of(YearMonth.of(2022, 8)));
        return new BulletinRenderer(new Templates(workspace.templatesDir()), BulletinSettings.load(workspace))
                .render(news, AWA);
    }

    @Test
    void theSampleBulletinHasItsThreeItemsInBothParts() {
        RenderedMessage message = render();

        assertThat(message.subject()).isEqualTo("Bulletin d'information de l'IMRAP – août 2022");
        for (String part : new String[] {message.html(), message.text()}) {
            assertThat(part).contains("ACTUALITÉS", "TOMBOUCTOU", "KANGABA", "SÉGOU",
                    "Du 16 au 20 août 2022 à Kangaba", "l'œuvre de l'IMRAP", "Bonjour Awa Traoré,");
        }
        assertThat(message.html()).contains("<html lang=\"fr\"", "width=\"600\"", "Lire la suite",
                "href=\"https://www.facebook.com/institutmalienpourlapaix\"")
                .doesNotContain("pouirlapaix");
        assertThat(message.text()).contains("Lire la suite : https://www.facebook.com/institutmalienpourlapaix");
    }

    @Test
    void theFooterCarriesTheAddressThePhoneAndTheFiveLinks() {
        RenderedMessage message = render();

        for (String part : new String[] {message.html(), message.text()}) {
            assertThat(part).contains("Badalabougou-Est, Avenue de l", "UA, rue 27 porte 357", "Tél. Bureau : (223) 20.22.18.48",
                    "http://www.imrap-mali.org",
                    "https://www.facebook.com/institutmalienpourlapaix",
                    "https://www.linkedin.com/company/institut-malien-de-recherche-action-pour-la-paix",
                    "https://twitter.com/ImrapMali",
                    "https://www.youtube.com/@imrapmali");
        }
    }

    @Test
    void aPartialRememberedPerItemGivesEveryoneTheSameItemsAndTheirOwnGreeting() {
        BulletinRenderer renderer = renderer();
        MonthOfNews news = august();
        Recipient moussa = new Recipient("moussa.keita@example.org", "Moussa Keïta", "donors", Map.of());

        RenderedMessage awa = renderer.render(news, AWA);
        RenderedMessage him = renderer.render(news, moussa);
        RenderedMessage fresh = renderer().render(news, moussa);

        assertThat(him.html()).isEqualTo(fresh.html()).contains("Moussa Keïta", "TOMBOUCTOU", "KANGABA", "SÉGOU")
                .doesNotContain("Awa Traoré");
        assertThat(awa.html()).contains("Awa Traoré").doesNotContain("Moussa Keïta");
    }

    @Test
    void aPartialThatUsesThePersonInsideTheItemsIsRenderedForEachPerson() {
        SampleWorkspace.write(workspace.templatesDir().resolve("headline.html.mustache"),
                "<p>{{place}} pour {{recipient.name}} ({{recipient.email}})</p>\n");
        BulletinRenderer renderer = renderer();
        MonthOfNews news = august();
        Recipient moussa = new Recipient("moussa.keita@example.org", "Moussa Keïta", "donors", Map.of());

        String awa = renderer.render(news, AWA).html();
        String him = renderer.render(news, moussa).html();

        assertThat(awa).contains("<p>Ségou pour Awa Traoré (awa.traore@example.org)</p>")
                .doesNotContain("Moussa");
        assertThat(him).contains("<p>Ségou pour Moussa Keïta (moussa.keita@example.org)</p>",
                "<p>Kangaba pour Moussa Keïta").doesNotContain("Awa");
    }

    private BulletinRenderer renderer() {
        return new BulletinRenderer(new Templates(workspace.templatesDir()), BulletinSettings.load(workspace));
    }

    private MonthOfNews august() {
        return new NewsFolder(workspace.newsDir()).select(Optional.of(YearMonth.of(2022, 8)));
    }

    @Test
    void itemFieldsAreEscapedInHtmlButNotInText() {
        SampleWorkspace.write(workspace.newsDir().resolve("2022-08-30-bamako.md"),
                "---\ntitle: \"Paix & <justice>\"\nplace: Bamako\ndate: 2022-08-30\n---\nTexte.\n");

        RenderedMessage message = render();

        assertThat(message.html()).contains("Paix &amp; &lt;justice&gt;").doesNotContain("<justice>");
        assertThat(message.text()).contains("Paix & <justice>");
    }

    @Test
    void aVariableNoDataProvidesNamesTheTemplateAndTheVariable() {
        SampleWorkspace.write(workspace.templatesDir().resolve("footer.txt.mustache"),
                "{{organisation.name}}\n{{organisation.fax}}\n");

        assertThatThrownBy(this::render).isInstanceOfSatisfying(TemplateException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
            assertThat(e.getMessage()).contains("footer.txt.mustache:2", "{{organisation.fax}}");
        });
    }

    @Test
    void aTemplateSyntaxErrorNamesTheFileAndLine() {
        SampleWorkspace.write(workspace.templatesDir().resolve("item.html.mustache"),
                "<tr>\n<td>\n{{#link}}<a href=\"{{link}}\">Lire</a>\n</td>\n</tr>\n");

        assertThatThrownBy(this::render).isInstanceOfSatisfying(TemplateException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
            assertThat(e.getMessage()).contains("item.html.mustache:", "not valid Mustache");
        });
    }

    @Test
    void aMissingPartialIsNamed() {
        SampleWorkspace.write(workspace.templatesDir().resolve("bulletin.txt.mustache"), "{{> signature.txt}}\n");

        assertThatThrownBy(this::render).isInstanceOfSatisfying(TemplateException.class,
                e -> assertThat(e.getMessage()).contains("signature.txt"));
    }

    @Test
    void optionalValuesCanBeTestedWithSections() {
        RenderedMessage message = render();

        // The Ségou item has no link: no "Lire la suite" after its text, one for each other item.
        assertThat(message.text().split("Lire la suite", -1)).hasSize(3);
    }
}
