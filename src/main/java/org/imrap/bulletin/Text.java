package org.imrap.bulletin;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * Every message bulletin shows people, from the resource bundle {@code org/imrap/bulletin/messages}
 * ({@code messages_fr.properties} in French). Patterns are {@link MessageFormat}s: {@code {0}} is the
 * first value, and an apostrophe is written {@code ''}. Numbers are shown as they are, without
 * grouping (line numbers, ports and process ids read wrong as "1,234").
 */
public final class Text {
    private static final String BUNDLE = "org.imrap.bulletin.messages";
    private static volatile Locale locale = Locale.ENGLISH;

    /**
     * How bulletin's bundles are found: properties files only, French in {@code _fr}, English in the base
     * file. No other name is tried (no {@code messages_en}, no class named like the bundle): each lookup
     * of a name that does not exist searches every jar on the class path.
     */
    public static final ResourceBundle.Control BUNDLES = new ResourceBundle.Control() {
        @Override
        public java.util.List<String> getFormats(String baseName) {
            return FORMAT_PROPERTIES;
        }

        @Override
        public java.util.List<Locale> getCandidateLocales(String baseName, Locale wanted) {
            return wanted.getLanguage().equals("fr") ? java.util.List.of(Locale.FRENCH, Locale.ROOT)
                    : java.util.List.of(Locale.ROOT);
        }

        @Override
        public Locale getFallbackLocale(String baseName, Locale wanted) {
            return null;
        }
    };

    private Text() {
    }

    /** The language of the messages from now on: French for {@code fr}, English otherwise. */
    public static void use(Locale chosen) {
        locale = chosen.getLanguage().equals("fr") ? Locale.FRENCH : Locale.ENGLISH;
    }

    public static Locale locale() {
        return locale;
    }

    public static boolean french() {
        return locale.getLanguage().equals("fr");
    }

    /**
     * The language a person asked for: BULLETIN_LANG (which the launchers set when they run Java in
     * C.UTF-8 because the locale asked for is not installed), else LC_ALL, LC_MESSAGES or LANG.
     */
    public static Locale fromEnvironment(Map<String, String> env) {
        for (String variable : new String[] {"BULLETIN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return value.toLowerCase(Locale.ROOT).startsWith("fr") ? Locale.FRENCH : Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }

    /** The message {@code key} with its values, each shown {@link Printable#escape escaped}: they may come from outside. */
    public static String t(String key, Object... values) {
        String pattern = ResourceBundle.getBundle(BUNDLE, locale, BUNDLES).getString(key);
        Object[] shown = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            shown[i] = values[i] instanceof Number number ? String.valueOf(number) : Printable.escape(String.valueOf(values[i]));
        }
        return new MessageFormat(pattern, locale).format(shown);
    }

    /**
     * "1 item" / "2 items", "0 actualité" / "2 actualités": {@code key.one} or {@code key.many}, by the
     * plural rule of the language ({@link #singular}). A noun or adjective that agrees with a number
     * goes in such a pair of messages, never as "personne(s)".
     */
    public static String count(long count, String key) {
        return t(key + (singular(count) ? ".one" : ".many"), count);
    }

    /** The one place the plural rule lives: French takes 0 and 1 as singular ("0 personne"), English 1 only. */
    public static boolean singular(long count) {
        return french() ? Math.abs(count) < 2 : Math.abs(count) == 1;
    }
}
