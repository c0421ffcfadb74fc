package org.imrap.bulletin.news;

import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * A new item as {@code news new} is asked to write it, and the placeholder text its skeleton holds until
 * the writer replaces it. bulletin recognises that text: {@code send} refuses an item that still holds
 * it, {@code preview} warns.
 *
 * @param title   the title
 * @param place   where it happened
 * @param date    its date
 * @param link    a "read more" address, if any
 * @param summary the one-line summary, if any
 * @param image   a photo or picture to show with it, as given on the command line, if any
 */
public record Skeleton(String title, String place, LocalDate date, Optional<String> link, Optional<String> summary,
                       Optional<Path> image) {

    /** The text of the skeleton's body: the bulletin is written in French, so is its placeholder. */
    static final String BODY = "Écrivez ici le texte de l'actualité, en Markdown : qui, quoi, où, quand, "
            + "pourquoi. Une ligne vide sépare deux paragraphes.";
    /** What is recognised, so that a writer who edited around the sentence is still told. */
    private static final String MARK = comparable("Écrivez ici le texte de l'actualité");

    /** Whether {@code text} still holds the skeleton's placeholder (case, spacing and apostrophe aside). */
    static boolean isPlaceholder(String text) {
        return text != null && comparable(text).contains(MARK);
    }

    private static String comparable(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).replace('\u2019', '\'')
                .replaceAll("\\s+", " ").toLowerCase(Locale.FRENCH);
    }
}
