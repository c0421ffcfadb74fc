package org.imrap.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The message bundles: the same keys in both languages, patterns that parse, the same values used. */
class TextTest {
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d)");

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TextTest.class.getResourceAsStream(name)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Set<String> arguments(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = ARGUMENT.matcher(pattern.replace("''", ""));
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    @AfterEach
    void backToEnglish() {
        Text.use(Locale.ENGLISH);
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndTheSameValuesInEachMessage() throws IOException {
        for (String[] pair : new String[][] {
            {"/org/imrap/bulletin/messages.properties", "/org/imrap/bulletin/messages_fr.properties"},
            {"/org/imrap/bulletin/cli/help.properties", "/org/imrap/bulletin/cli/help_fr.properties"}}) {
            Properties english = load(pair[0]);
            Properties french = load(pair[1]);
            assertThat(french.stringPropertyNames()).as(pair[1]).isEqualTo(english.stringPropertyNames());
            if (pair[0].contains("messages")) {
                for (String key : english.stringPropertyNames()) {
                    new MessageFormat(english.getProperty(key));
                    new MessageFormat(french.getProperty(key));
                    assertThat(arguments(french.getProperty(key))).as(key).isEqualTo(arguments(english.getProperty(key)));
                }
            }
        }
    }

    @Test
    void theLanguageComesFromLangAndApostrophesSurvive() {
        assertThat(Text.fromEnvironment(java.util.Map.of("LANG", "fr_ML.UTF-8"))).isEqualTo(Locale.FRENCH);
        assertThat(Text.fromEnvironment(java.util.Map.of("LANG", "en_US.UTF-8", "LC_ALL", "fr_FR.UTF-8")))
                .isEqualTo(Locale.FRENCH);
        assertThat(Text.fromEnvironment(java.util.Map.of())).isEqualTo(Locale.ENGLISH);
        assertThat(Text.fromEnvironment(java.util.Map.of("BULLETIN_LANG", "fr_ML.UTF-8", "LC_ALL", "C.UTF-8")))
                .as("the language asked for, kept by a launcher that runs Java in C.UTF-8").isEqualTo(Locale.FRENCH);

        Text.use(Locale.FRENCH);
        assertThat(Text.t("news.noneInMonth", "2022-10", "news")).isEqualTo("aucune actualité datée de 2022-10 dans news");
        assertThat(Text.t("summary.dryRun", "3 messages")).contains("rien n'a été envoyé");
        assertThat(Text.count(1, "count.person")).isEqualTo("1 personne");
        assertThat(Text.count(12345, "count.person")).isEqualTo("12345 personnes");
    }
}
